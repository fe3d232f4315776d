package dev.loglake.jobs.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.io.JobRunLog;
import dev.loglake.common.logging.LogMarkers;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job run's rows in the run history ({@link JobRunLog}, {@code processed._job_runs}): a
 * {@code STARTED} row before the job's work, the final row (the SUMMARY's status, figures and
 * error) after it, success or failure. Each is one small Delta commit; the time both take goes to
 * the log file.
 */
final class JobRunHistory {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunHistory.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final EtlConfig config;
  private final String executionId;
  private final String glueJobRunId;

  /** Whether this process generated the run id (no {@code loglake.run-id}, no Glue JOB_RUN_ID). */
  private final boolean newRunId;

  /** The version of the commit that appended this run's STARTED row; empty when it was not appended. */
  private OptionalLong startedVersion = OptionalLong.empty();

  private JobRunHistory(EtlConfig config, String executionId, String glueJobRunId, boolean newRunId) {
    this.config = config;
    this.executionId = executionId;
    this.glueJobRunId = glueJobRunId;
    this.newRunId = newRunId;
  }

  /** The history of {@code config}'s run, with the ids the state machine and Glue passed in {@code args}. */
  static JobRunHistory of(EtlConfig config, JobArgs args) {
    String execution = config.config().getString("loglake.run.execution-id");
    boolean given = config.config().hasPath("loglake.run-id") || args.glueJobRunId().isPresent();
    return new JobRunHistory(config, execution.isBlank() ? null : execution, args.glueJobRunId().orElse(null), !given);
  }

  /**
   * Writes the run's STARTED row. A lake the job cannot write its row to fails the run before its work.
   * A run id this process generated has no row yet: the row is appended. A given one (a rerun of a
   * run id, the state machine's) replaces the earlier attempt's row.
   */
  void started(SparkSession spark) {
    JobRunLog.Entry entry = new JobRunLog.Entry(config.runId(), config.job(), JobRunLog.STARTED, config.startedAt(),
        null, null, null, null, Map.of(), executionId, glueJobRunId);
    write(entry, () -> {
      if (newRunId) {
        startedVersion = JobRunLog.appendNew(spark, config.zones().processed(), entry);
      } else {
        JobRunLog.record(spark, config.zones().processed(), entry);
      }
    });
  }

  /** Replaces the STARTED row with the run's outcome; {@code error} is the failure, null on success. */
  void finished(SparkSession spark, JobResult result, Throwable error) {
    Instant ended = result.startedAt().plus(result.duration());
    JobRunLog.Entry entry = new JobRunLog.Entry(config.runId(), config.job(), result.status().name(), config.startedAt(),
        ended, result.duration().toMillis() / 1000.0, error == null ? null : error.getClass().getName(),
        result.error(), asJson(result.figures()), executionId, glueJobRunId);
    write(entry, () -> {
      // The STARTED row this process appended is replaced by its file, without a scan of the table.
      if (startedVersion.isPresent()) {
        JobRunLog.replaceAppended(spark, config.zones().processed(), entry, startedVersion.getAsLong());
      } else {
        JobRunLog.record(spark, config.zones().processed(), entry);
      }
    });
  }

  private void write(JobRunLog.Entry entry, Runnable commit) {
    long start = System.nanoTime();
    try {
      commit.run();
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot write the " + entry.status() + " row of " + entry.job() + " run "
          + entry.runId() + " to the run history " + JobRunLog.path(config.zones().processed()) + " (" + e.getMessage()
          + "); the job's role must be able to write that table", e);
    }
    LOG.info(LogMarkers.LOG_ONLY, "Run history {}: {} {} written in {} ms", JobRunLog.path(config.zones().processed()),
        entry.job(), entry.status(), (System.nanoTime() - start) / 1_000_000);
  }

  /** Each figure's value as JSON: {@code 3}, {@code "s3://..."}, {@code {"alb_logs":{...}}}. */
  static Map<String, String> asJson(Map<String, Object> figures) {
    Map<String, String> out = new LinkedHashMap<>();
    figures.forEach((k, v) -> {
      try {
        out.put(k, JSON.writeValueAsString(v));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot render figure " + k + " of the run history", e);
      }
    });
    return out;
  }
}
