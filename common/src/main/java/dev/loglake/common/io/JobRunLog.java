package dev.loglake.common.io;

import dev.loglake.common.config.LakeZones;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.OptimisticTransaction;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.delta.actions.RemoveFile;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.collection.Seq;

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
    DeltaRetry.onConflict(path, () -> overwrite(spark, path, entry));
  }

  /**
   * Appends {@code entry}, a row whose {@code (run_id, job)} no row of the table can have (a run id
   * this process generated): one commit with no read of the table, which {@link #record}'s overwrite
   * needs to find the row it replaces. A {@code STARTED} row written so took 4.0 to 4.9 s instead of
   * 7.2 to 9.8 s on an existing lake in a fresh JVM (the process's first Delta operation); part of
   * what it saves is Delta's cold read path, which the job's next read then pays.
   *
   * @return the version of the commit that added the row, for {@link #replaceAppended}; empty when
   *     it cannot be told (then {@link #record} replaces the row)
   */
  public static OptionalLong appendNew(SparkSession spark, String processedZone, Entry entry) {
    String path = path(processedZone);
    Dataset<Row> row = spark.createDataFrame(List.of(entry.toRow()), SCHEMA);
    return DeltaRetry.onConflict(path, () -> DeltaCommits.versionOf(spark, path, () -> DeltaSink.append(row, path)));
  }

  /**
   * Replaces the row {@link #appendNew} added at version {@code appended} with {@code entry}: one
   * commit that removes that row's file (this process wrote it, alone, and knows it from its own
   * commit) and adds the new row's, read from the log on the driver. {@link #record}'s {@code
   * replaceWhere} has to find the row first: Delta rebuilds the table's state and scans it, 8 Spark
   * jobs and 1.1 to 1.9 s of a small run.
   *
   * <p>When a later commit removed that file (maintain compacted or cleaned the table) or the log no
   * longer holds the commit, {@link #record} replaces the row instead. A commit that removes the file
   * while this one is under way makes this one fail as a conflict (Delta checks that no two commits
   * remove the same file); it is done again, and then finds the removal.
   */
  public static void replaceAppended(SparkSession spark, String processedZone, Entry entry, long appended) {
    String path = path(processedZone);
    DeltaRetry.onConflict(path, () -> {
      if (!replaceOwnFile(spark, path, entry, appended)) {
        overwrite(spark, path, entry);
      }
    });
  }

  private static void overwrite(SparkSession spark, String path, Entry entry) {
    Dataset<Row> row = spark.createDataFrame(List.of(entry.toRow()), SCHEMA);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaSink.append(row, path);
    } else {
      row.write().format("delta").mode("overwrite").option("replaceWhere", key(entry)).save(path);
    }
  }

  /** The commit {@link #replaceAppended} describes; false when the file is not the table's any more. */
  private static boolean replaceOwnFile(SparkSession spark, String path, Entry entry, long appended) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    Snapshot snapshot = log.update(false, Option.empty(), Option.empty());
    AddFile own = null;
    scala.collection.Iterator<Tuple2<Object, Seq<Action>>> changes = log.getChanges(appended, false);
    while (changes.hasNext()) {
      Tuple2<Object, Seq<Action>> change = changes.next();
      long version = (Long) change._1();
      if (version > snapshot.version()) {
        break;
      }
      List<Action> actions = JavaConverters.seqAsJavaList(change._2());
      if (version == appended) {
        List<AddFile> adds = actions.stream().filter(AddFile.class::isInstance).map(AddFile.class::cast).toList();
        if (adds.size() != 1) {
          return false;
        }
        own = adds.get(0);
      } else if (own == null) {
        return false; // the log no longer holds the append's commit
      } else {
        String ownPath = own.path();
        if (actions.stream().anyMatch(a -> a instanceof RemoveFile r && r.path().equals(ownPath))) {
          return false;
        }
      }
    }
    if (own == null) {
      return false;
    }
    OptimisticTransaction txn = log.startTransaction(Option.empty(), Option.apply(snapshot));
    List<Action> actions = new ArrayList<>(
        JavaConverters.seqAsJavaList(txn.writeFiles(spark.createDataFrame(List.of(entry.toRow()), SCHEMA))));
    actions.add(own.removeWithTimestamp(System.currentTimeMillis(), true));
    // The same operation as replaceWhere's commit: WRITE, mode Overwrite, the key as its predicate.
    txn.commit(JavaConverters.asScalaBuffer(actions).toSeq(),
        new DeltaOperations.Write(SaveMode.Overwrite, Option.empty(), Option.apply(key(entry)), Option.empty()));
    return true;
  }

  private static String key(Entry entry) {
    return "run_id = " + literal(entry.runId()) + " AND job = " + literal(entry.job());
  }

  /** {@code value} as a Spark SQL string literal (quoted, backslashes and quotes escaped). */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
