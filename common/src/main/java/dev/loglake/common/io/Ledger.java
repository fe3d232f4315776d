package dev.loglake.common.io;

import static org.apache.spark.sql.functions.col;

import dev.loglake.common.config.LakeZones;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The processed zone's {@code _ledger} Delta table: which raw file (path, size, modification time)
 * was processed by which run, with what outcome. It replaces Glue job bookmarks and works the same
 * on Glue, EMR and locally. A file is new when no ledger row has its path, size and time.
 *
 * <p>The table is partitioned by {@link #DATE}, the raw file's day ({@link RawFile#date()}: its date
 * folder, else the day of its modification time). A run looks up only the partitions of the days it
 * listed, and matches its listing against them on the executors, so its cost does not grow with the
 * ledger's history. A ledger an earlier version wrote unpartitioned is rewritten partitioned once, by
 * the first run that opens it; its entries are kept whole.
 */
public final class Ledger {

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  public static final String TABLE = "_ledger";
  /** The partition column: the raw file's day, {@link RawFile#date()}. */
  public static final String DATE = "raw_date";

  public static final StructType SCHEMA =
      new StructType()
          .add("dataset", DataTypes.StringType, false)
          .add("path", DataTypes.StringType, false)
          .add("size", DataTypes.LongType, false)
          .add("modification_time", DataTypes.LongType, false)
          .add("run_id", DataTypes.StringType, false)
          .add("status", DataTypes.StringType, false)
          .add("error", DataTypes.StringType, true)
          .add("rows", DataTypes.LongType, true)
          .add("recorded_at", DataTypes.TimestampType, false)
          .add(DATE, DataTypes.DateType, false);

  private static final StructType LISTING_SCHEMA =
      new StructType()
          .add("path", DataTypes.StringType, false)
          .add("size", DataTypes.LongType, false)
          .add("modification_time", DataTypes.LongType, false);

  /** One file's outcome. */
  public record Entry(RawFile file, String status, String error, long rows) {
    public static final String COMMITTED = "committed";
    public static final String FAILED = "failed";
  }

  private final SparkSession spark;
  private final String path;
  private boolean partitioned;

  public Ledger(SparkSession spark, LakeZones zones) {
    this.spark = spark;
    this.path = LakeZones.join(zones.processed(), TABLE);
  }

  /**
   * The files of {@code listed} that have no entry of {@code dataset} (committed or failed), in
   * their listed order. Reads only the ledger partitions of the listed files' days; the listing goes
   * to the executors as a small table and only the entries it matches come back to the driver.
   */
  public List<RawFile> unrecorded(String dataset, List<RawFile> listed) {
    if (listed.isEmpty() || !DeltaTable.isDeltaTable(spark, path)) {
      return listed;
    }
    ensurePartitioned();
    Object[] days = listed.stream().map(f -> java.sql.Date.valueOf(f.date())).distinct().toArray();
    Dataset<Row> listing =
        spark.createDataFrame(
            listed.stream().map(f -> RowFactory.create(f.path(), f.size(), f.modificationTime())).toList(),
            LISTING_SCHEMA);
    Dataset<Row> entries =
        spark.read().format("delta").load(path)
            .where(col(DATE).isin(days).and(col("dataset").equalTo(dataset)));
    Column sameFile =
        entries.col("path").equalTo(listing.col("path"))
            .and(entries.col("size").equalTo(listing.col("size")))
            .and(entries.col("modification_time").equalTo(listing.col("modification_time")));
    Set<RawFile> seen = new HashSet<>();
    for (Row r : entries.join(listing, sameFile, "left_semi").select("path", "size", "modification_time").collectAsList()) {
      seen.add(new RawFile(r.getString(0), r.getLong(1), r.getLong(2)));
    }
    return listed.stream().filter(f -> !seen.contains(f)).toList();
  }

  /**
   * Every file of {@code dataset} recorded (committed or failed). It reads all of the dataset's
   * entries: for inspection and tests; runs use {@link #unrecorded}.
   */
  public Set<RawFile> recorded(String dataset) {
    Set<RawFile> out = new HashSet<>();
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return out;
    }
    List<Row> rows =
        spark.read().format("delta").load(path)
            .where(col("dataset").equalTo(dataset))
            .select("path", "size", "modification_time")
            .collectAsList();
    rows.forEach(r -> out.add(new RawFile(r.getString(0), r.getLong(1), r.getLong(2))));
    return out;
  }

  /**
   * Records the outcome of {@code entries}, all of {@code dataset}, processed by {@code runId}. A
   * concurrent run's commit (the table's creation by another run included) makes it append again.
   */
  public void record(String dataset, String runId, List<Entry> entries, Instant at) {
    record(runId, Map.of(dataset, entries), at);
  }

  /**
   * Records the entries of several datasets ({@code byDataset}, processed by {@code runId}) in one
   * Delta commit: on S3 every commit is several round trips. Nothing is written when there are no
   * entries. A concurrent run's commit (the table's creation by another run included) makes it
   * append again.
   */
  public void record(String runId, Map<String, List<Entry>> byDataset, Instant at) {
    List<Row> rows =
        byDataset.entrySet().stream()
            .flatMap(d -> d.getValue().stream()
                .map(e -> RowFactory.create(d.getKey(), e.file().path(), e.file().size(), e.file().modificationTime(),
                    runId, e.status(), e.error(), e.rows(), Timestamp.from(at), java.sql.Date.valueOf(e.file().date()))))
            .toList();
    if (rows.isEmpty()) {
      return;
    }
    if (DeltaTable.isDeltaTable(spark, path)) {
      ensurePartitioned();
    }
    DeltaRetry.onConflict(path, () ->
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().format("delta").mode("append")
            .partitionBy(DATE).option("mergeSchema", "true").save(path));
  }

  public String path() {
    return path;
  }

  /** Rewrites an unpartitioned ledger (an earlier version's) partitioned by {@link #DATE}, once. */
  private void ensurePartitioned() {
    if (partitioned) {
      return;
    }
    DeltaRetry.onConflict(path, () -> {
      if (!isPartitioned()) {
        UDF2<String, Long, java.sql.Date> dateOf = (p, t) -> java.sql.Date.valueOf(RawFile.dateOf(p, t));
        Column date = functions.udf(dateOf, DataTypes.DateType).apply(col("path"), col("modification_time"));
        long rows = DeltaCommits.metric(DeltaCommits.metricsOf(spark, path, () ->
            spark.read().format("delta").load(path).withColumn(DATE, date)
                .write().format("delta").mode("overwrite").option("overwriteSchema", "true")
                // The whole table, whatever the session's partition overwrite mode.
                .option("partitionOverwriteMode", "static")
                .partitionBy(DATE).save(path)), "numOutputRows");
        LOG.info("Rewrote the ledger {} partitioned by {} (once, after an upgrade): {} entries kept", path, DATE, rows);
      }
    });
    partitioned = true;
  }

  private boolean isPartitioned() {
    DeltaLog log = DeltaLog.forTable(spark, path);
    List<String> columns =
        JavaConverters.seqAsJavaList(log.update(false, Option.empty(), Option.empty()).metadata().partitionColumns());
    return columns.contains(DATE);
  }
}
