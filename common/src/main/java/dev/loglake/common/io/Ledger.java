package dev.loglake.common.io;

import static org.apache.spark.sql.functions.col;

import dev.loglake.common.config.LakeZones;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The processed zone's {@code _ledger} Delta table: which raw file (path, size, modification time)
 * was processed by which run, with what outcome. It replaces Glue job bookmarks and works the same
 * on Glue, EMR and locally. A file is new when no ledger row has its path, size and time.
 */
public final class Ledger {

  public static final String TABLE = "_ledger";

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
          .add("recorded_at", DataTypes.TimestampType, false);

  /** One file's outcome. */
  public record Entry(RawFile file, String status, String error, long rows) {
    public static final String COMMITTED = "committed";
    public static final String FAILED = "failed";
  }

  private final SparkSession spark;
  private final String path;

  public Ledger(SparkSession spark, LakeZones zones) {
    this.spark = spark;
    this.path = LakeZones.join(zones.processed(), TABLE);
  }

  /** The files of {@code dataset} already recorded (committed or failed). */
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

  /** Records the outcome of {@code entries}, all of {@code dataset}, processed by {@code runId}. */
  public void record(String dataset, String runId, List<Entry> entries, Instant at) {
    if (entries.isEmpty()) {
      return;
    }
    List<Row> rows =
        entries.stream()
            .map(e -> RowFactory.create(dataset, e.file().path(), e.file().size(), e.file().modificationTime(),
                runId, e.status(), e.error(), e.rows(), Timestamp.from(at)))
            .toList();
    DeltaSink.append(spark.createDataFrame(rows, SCHEMA).coalesce(1), path);
  }

  public String path() {
    return path;
  }
}
