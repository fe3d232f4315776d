package dev.loglake.common.io;

import dev.loglake.common.config.LakeZones;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A zone's {@code _runs} Delta table: one row per job run and dataset, with its counts, the date
 * partitions it touched and its outcome. Later jobs read it to learn which partitions changed.
 */
public final class RunLog {

  public static final String TABLE = "_runs";

  public static final StructType SCHEMA =
      new StructType()
          .add("run_id", DataTypes.StringType, false)
          .add("job", DataTypes.StringType, false)
          .add("dataset", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("files", DataTypes.LongType, false)
          .add("files_failed", DataTypes.LongType, false)
          .add("rows_read", DataTypes.LongType, false)
          .add("rows_written", DataTypes.LongType, false)
          .add("rows_quarantined", DataTypes.LongType, false)
          .add("rows_duplicate", DataTypes.LongType, false)
          .add("quarantine_reasons", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
          .add("partitions", DataTypes.createArrayType(DataTypes.StringType), false)
          .add("started_at", DataTypes.TimestampType, false)
          .add("ended_at", DataTypes.TimestampType, false)
          .add("error", DataTypes.StringType, true);

  /** One run of one dataset. */
  public record Entry(
      String runId,
      String job,
      String dataset,
      String status,
      long files,
      long filesFailed,
      long rowsRead,
      long rowsWritten,
      long rowsQuarantined,
      long rowsDuplicate,
      Map<String, Long> quarantineReasons,
      List<String> partitions,
      Instant startedAt,
      Instant endedAt,
      String error) {

    Row toRow() {
      return RowFactory.create(runId, job, dataset, status, files, filesFailed, rowsRead, rowsWritten,
          rowsQuarantined, rowsDuplicate, quarantineReasons, partitions.toArray(String[]::new),
          Timestamp.from(startedAt), Timestamp.from(endedAt), error);
    }
  }

  private RunLog() {}

  public static String path(String zone) {
    return LakeZones.join(zone, TABLE);
  }

  public static void append(SparkSession spark, String zone, Entry entry) {
    append(spark, zone, List.of(entry));
  }

  /**
   * Appends {@code entries} (a job run's rows, one per dataset or model) in one Delta commit: on S3
   * every commit is several round trips. Nothing is written when {@code entries} is empty.
   */
  public static void append(SparkSession spark, String zone, List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    DeltaSink.append(rows(spark, entries), path(zone));
  }

  /** {@code entries} as rows of the table (for a reader that must see rows not committed yet). */
  public static Dataset<Row> rows(SparkSession spark, List<Entry> entries) {
    return spark.createDataFrame(entries.stream().map(Entry::toRow).toList(), SCHEMA);
  }
}
