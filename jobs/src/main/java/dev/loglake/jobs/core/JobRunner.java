package dev.loglake.jobs.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loglake.common.catalog.CatalogConfig;
import dev.loglake.common.catalog.GlueCatalogSettings;
import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.error.EtlException;
import dev.loglake.common.error.QualityGateException;
import dev.loglake.common.io.DeltaRetry;
import dev.loglake.common.logging.LogMarkers;
import dev.loglake.common.spark.SmallInputCodegen;
import dev.loglake.common.spark.SparkSessions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wiring every job's {@code main} shares: parse Glue-style arguments, load config, get the
 * SparkSession, call {@link EtlJob#run}, print one {@code SUMMARY {json}} line as the last line on
 * stdout (stderr when stdout is the job's data), and return the exit code: 0 success, 1 failure, 2 bad configuration or arguments, 3 the
 * quality gate failed.
 */
public final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private JobRunner() {}

  /** For {@code main}: runs the job and exits the JVM with its exit code. */
  public static void main(EtlJob<?> job, String[] args) {
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    PrintStream err = new PrintStream(new TeeStream(System.err, errors), true, java.nio.charset.StandardCharsets.UTF_8);
    int code = execute(job, args, System.out, err, Clock.systemUTC());
    System.out.flush();
    if (code != 0 && Arrays.asList(args).contains("--JOB_RUN_ID")) {
      // On Glue the run's ErrorMessage is the exception main ends with, not an exit code: end with
      // one naming the code and the first error line, so the state machine can tell a failed quality
      // gate (exit code 3, "Quality gate failed") from a crash.
      String first = errors.toString(java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
      throw new IllegalStateException("loglake " + job.name() + " exit code " + code + ": " + first);
    }
    System.exit(code);
  }

  /** Writes to two streams: the real stderr and a copy for the Glue error message. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws java.io.IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }

  /**
   * Runs {@code job} with {@code args}; returns the exit code. Never calls System.exit. The SUMMARY
   * line goes to {@code out}, or to {@code err} when the job's stdout is data ({@link
   * EtlJob#stdoutIsData}). A local lake's run writes its full log to {@code <lake>/_logs} ({@link
   * RunLogFile}).
   */
  public static <C> int execute(
      EtlJob<C> job, String[] args, PrintStream out, PrintStream err, Clock clock) {
    if (Arrays.asList(args).contains("--help")) {
      out.println(usage(job));
      return 0;
    }
    Instant started = clock.instant();
    EtlConfig config = null;
    PrintStream summaryOut = out;
    Optional<RunLogFile> logFile = Optional.empty();
    try {
      JobArgs parsed = JobArgs.parse(args, job.name(), job.options());
      config = EtlConfig.load(job.name(), parsed, clock);
      C jobConfig = job.config(config);
      summaryOut = job.stdoutIsData(jobConfig) ? err : out;
      CloudWatchSettings.from(config.config()); // a bad metrics setting is a config error too
      DeltaRetry.configure(config.config());
      logFile = job.logsToLake(jobConfig) ? RunLogFile.pathOf(config).flatMap(RunLogFile::open) : Optional.empty();
      Optional<Path> logPath = logFile.map(RunLogFile::path);
      RunConsole.header(job, config, logPath).forEach(line -> LOG.info("{}", line));
      LOG.info(LogMarkers.LOG_ONLY, "Effective configuration of {} run {}:\n{}", job.name(), config.runId(), config.describe());
      CatalogConfig catalog = CatalogConfig.from(config);
      GlueCatalogSettings glue = GlueCatalogSettings.from(config.config());
      Optional<JobRunHistory> history =
          job.recordsRun(jobConfig) ? Optional.of(JobRunHistory.of(config, parsed)) : Optional.empty();
      JobResult result = runWithSession(job, config, jobConfig, catalog, glue, history, clock);
      printSummary(summaryOut, config, result, logPath);
      return 0;
    } catch (EtlException e) {
      err.println("ERROR [" + job.name() + "] " + e.getMessage());
      if (!(e instanceof ConfigException)) {
        e.printStackTrace(err);
      }
      LOG.error(LogMarkers.LOG_ONLY, "{} failed", job.name(), e);
      printSummary(summaryOut, config, failed(job, config, started, clock, e, statusOf(e)), logFile.map(RunLogFile::path));
      return e.exitCode();
    } catch (Exception | Error e) {
      // Spark throws checked SparkExceptions from Scala code: catch them too.
      err.println("ERROR [" + job.name() + "] " + e);
      e.printStackTrace(err);
      LOG.error(LogMarkers.LOG_ONLY, "{} failed", job.name(), e);
      printSummary(summaryOut, config, failed(job, config, started, clock, e, JobResult.Status.FAILED),
          logFile.map(RunLogFile::path));
      return 1;
    } finally {
      logFile.ifPresent(RunLogFile::close);
    }
  }

  /** The console's progress line for one finished pipeline step (its SUMMARY fields). */
  public static String stepLine(Map<String, Object> step) {
    return RunConsole.stepLine(step);
  }

  /** The usage text of one job. */
  public static String usage(EtlJob<?> job) {
    StringBuilder sb = new StringBuilder();
    sb.append(job.name()).append(": ").append(job.description()).append('\n');
    for (JobOption o : job.options()) {
      sb.append(String.format("  %-28s %s%n", o.usage(), o.description()));
    }
    sb.append(String.format("  %-28s %s%n", "--env NAME", "config env: conf/env/NAME.conf (default local)"));
    sb.append(String.format("  %-28s %s%n", "--config FILE", "extra HOCON file, over the env file"));
    sb.append(String.format("  %-28s %s%n", "--loglake.<key> VALUE", "set any config key"));
    return sb.toString();
  }

  private static <C> JobResult runWithSession(EtlJob<C> job, EtlConfig config, C jobConfig, CatalogConfig catalog,
      GlueCatalogSettings glue, Optional<JobRunHistory> history, Clock clock) {
    boolean ownSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.create(config.spark());
    ReadProgress progress = new ReadProgress();
    spark.sparkContext().addSparkListener(progress);
    try {
      // Interpreted, but for the parts that read a big input (SmallInputCodegen): the run history's
      // rows, the Delta log reads and the small tables are most of a run's queries.
      return SmallInputCodegen.forJob(spark, () -> {
        history.ifPresent(h -> h.started(spark));
        JobResult result;
        try {
          result = runAndRegister(spark, job, config, jobConfig, catalog, glue);
        } catch (Exception | Error e) {
          history.ifPresent(h -> recordFailure(spark, h, failed(job, config, config.startedAt(), clock, e, statusOf(e)), e));
          throw e;
        }
        history.ifPresent(h -> h.finished(spark, result, null));
        return result;
      });
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      if (ownSession) {
        spark.stop();
      }
    }
  }

  private static <C> JobResult runAndRegister(SparkSession spark, EtlJob<C> job, EtlConfig config, C jobConfig,
      CatalogConfig catalog, GlueCatalogSettings glue) {
    JobResult result = job.run(spark, jobConfig);
    if (job.writesZones().isEmpty() || !catalog.register()) {
      return result;
    }
    try {
      return result.withFigure("catalog_registered",
          new LakeCatalog(spark, catalog, config.zones(), glue).sync(job.writesZones()));
    } catch (RuntimeException e) {
      throw new IllegalStateException("the tables are written, but registering them in the catalog failed ("
          + e.getMessage() + "); rerun when the catalog is reachable, or set loglake.catalog.register = false", e);
    }
  }

  /** The failed run's final row; a history that cannot be written does not hide the run's own error. */
  private static void recordFailure(SparkSession spark, JobRunHistory history, JobResult result, Throwable e) {
    try {
      history.finished(spark, result, e);
    } catch (RuntimeException historyError) {
      e.addSuppressed(historyError);
    }
  }

  private static JobResult.Status statusOf(Throwable e) {
    return e instanceof EtlException etl ? statusOf(etl) : JobResult.Status.FAILED;
  }

  private static JobResult.Status statusOf(EtlException e) {
    return switch (e.exitCode()) {
      case 2 -> JobResult.Status.CONFIG_ERROR;
      case 3 -> JobResult.Status.QUALITY_GATE_FAILED;
      default -> JobResult.Status.FAILED;
    };
  }

  private static JobResult failed(
      EtlJob<?> job,
      EtlConfig config,
      Instant started,
      Clock clock,
      Throwable e,
      JobResult.Status status) {
    return new JobResult(
        job.name(),
        config == null ? null : config.runId(),
        status,
        started,
        Duration.between(started, clock.instant()),
        // A failed quality gate still scored everything: its SUMMARY carries the scores.
        e instanceof QualityGateException gate ? gate.figures() : Map.of(),
        e.getMessage() == null ? e.toString() : e.getMessage());
  }

  /**
   * The short human summary on the console; the SUMMARY line on {@code out}; the same figures
   * flattened as one {@code LOGLAKE_SUMMARY {json}} line for log search (the log file, not the
   * console); and, when {@code config} (null if it did not load) enables it, as CloudWatch metrics.
   */
  static void printSummary(PrintStream out, EtlConfig config, JobResult result, Optional<Path> logFile) {
    Map<String, Object> summary = result.toSummary();
    RunConsole.summary(summary, logFile).forEach(line -> LOG.info("{}", line));
    out.println("SUMMARY " + json(result, summary));
    out.flush();
    LOG.info(LogMarkers.LOG_ONLY, "LOGLAKE_SUMMARY {}", json(result, SummaryFigures.flatten(summary)));
    CloudWatchMetrics.publishIfEnabled(config, result);
  }

  private static String json(JobResult result, Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the summary of " + result.job(), e);
    }
  }
}
