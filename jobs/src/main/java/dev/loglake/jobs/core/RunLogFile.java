package dev.loglake.jobs.core;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * The run's full log, {@code <lake>/_logs/<job>-<run id>.log}, for a local lake: a log4j2 file
 * appender on every logger that writes to the console, so the file gets everything the console gets
 * plus what the console filters out (lines marked {@link dev.loglake.common.logging.LogMarkers#LOG_ONLY},
 * debug lines, library
 * notices). On AWS (the lake in buckets) there is no local file: the driver's log streams are the
 * log.
 */
final class RunLogFile implements AutoCloseable {

  private static final String APPENDER = "loglake-run-log";
  private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5p [%t] %c: %m%n";

  private final Path path;
  private final LoggerContext context;
  private final FileAppender appender;

  private RunLogFile(Path path, LoggerContext context, FileAppender appender) {
    this.path = path;
    this.context = context;
    this.appender = appender;
  }

  /** Where the log file of {@code config}'s run goes: empty unless the lake is a local folder. */
  static Optional<Path> pathOf(EtlConfig config) {
    return localLakeRoot(config).map(root -> root.resolve("_logs").resolve(config.job() + "-" + config.runId() + ".log"));
  }

  /** The lake's folder ({@code loglake.lake.root}, absolute); empty when the lake is in buckets. */
  static Optional<Path> localLakeRoot(EtlConfig config) {
    Optional<String> root = Configs.optionalString(config.config(), "loglake.lake.root");
    if (root.isEmpty() || root.get().isBlank() || !isLocal(root.get()) || !isLocal(config.zones().processed())) {
      return Optional.empty();
    }
    String dir = root.get().startsWith("file:") ? java.net.URI.create(root.get()).getPath() : root.get();
    return Optional.of(Path.of(dir).toAbsolutePath().normalize());
  }

  /** Starts logging to {@code path}; empty when log4j2 core is not the logging backend. */
  static Optional<RunLogFile> open(Path path) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return Optional.empty();
    }
    Configuration config = context.getConfiguration();
    FileAppender appender =
        FileAppender.newBuilder()
            .setName(APPENDER)
            .withFileName(path.toString())
            .withAppend(true)
            .withCreateOnDemand(false)
            .setLayout(PatternLayout.newBuilder().withConfiguration(config).withPattern(PATTERN).build())
            .setConfiguration(config)
            .build();
    appender.start();
    config.addAppender(appender);
    for (LoggerConfig logger : writers(config)) {
      logger.addAppender(appender, null, null);
    }
    context.updateLoggers();
    return Optional.of(new RunLogFile(path, context, appender));
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    Configuration config = context.getConfiguration();
    for (LoggerConfig logger : writers(config)) {
      logger.removeAppender(APPENDER);
    }
    config.getAppenders().remove(APPENDER);
    context.updateLoggers();
    appender.stop();
  }

  /** The root logger and every logger that does not pass its events on to the root's appenders. */
  private static java.util.List<LoggerConfig> writers(Configuration config) {
    java.util.List<LoggerConfig> out = new java.util.ArrayList<>();
    out.add(config.getRootLogger());
    for (LoggerConfig logger : config.getLoggers().values()) {
      if (!logger.isAdditive() && logger != config.getRootLogger()) {
        out.add(logger);
      }
    }
    return out;
  }

  private static boolean isLocal(String location) {
    return !location.contains("://") || location.startsWith("file:");
  }
}
