package dev.loglake.jobs.core;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what loglake's classes log (through SLF4J to log4j2), as "LEVEL message" lines. */
final class LogCapture extends AbstractAppender implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final LoggerConfig logger;

  LogCapture() {
    super("loglake-test-capture", null, null, true, Property.EMPTY_ARRAY);
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    logger = context.getConfiguration().getLoggerConfig("dev.loglake");
    start();
    logger.addAppender(this, null, null);
    context.updateLoggers();
  }

  @Override
  public void append(LogEvent event) {
    synchronized (lines) {
      lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  @Override
  public void close() {
    logger.removeAppender(getName());
    stop();
  }
}
