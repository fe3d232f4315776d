package dev.loglake.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.io.RunLog;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the quality job reads: which partitions to check (from the {@code _runs} tables), the processed
 * partitions themselves, and each partition's quarantine counts.
 */
final class QualityInputs {

  static final String RAW_TO_PROCESSED = "raw-to-processed";

  private final SparkSession spark;
  private final LakeZones zones;

  QualityInputs(SparkSession spark, LakeZones zones) {
    this.spark = spark;
    this.zones = zones;
  }

  /**
   * The event dates to check: every day of {@code range} (when the table exists), or else those that
   * raw-to-processed runs ending after the start of the last passing quality run of the dataset touched.
   */
  List<LocalDate> partitions(DatasetConfig ds, java.util.Optional<DateRange> range, String qualityJob) {
    if (range.isPresent()) {
      // Every day of the range, also one without rows: its row-count rule then fails (data missing).
      return table(ds) == null ? List.of() : range.get().days().toList();
    }
    Dataset<Row> runs = runs(zones.processed(), ds.name(), RAW_TO_PROCESSED);
    if (runs == null) {
      return List.of();
    }
    Timestamp watermark = lastPassingRun(ds.name(), qualityJob);
    if (watermark != null) {
      runs = runs.where(col("ended_at").gt(lit(watermark)));
    }
    return runs.select(explode(col("partitions")).as("p")).distinct().collectAsList().stream()
        .map(r -> LocalDate.parse(r.getString(0))).sorted().toList();
  }

  /** The processed table (null when it does not exist). */
  Dataset<Row> table(DatasetConfig ds) {
    String path = LakeZones.join(zones.processed(), ds.table());
    return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path) : null;
  }

  /**
   * Rows read and quarantined by the raw-to-processed runs that touched each of {@code dates}: a run's
   * counts go to every date it touched (its counts are per run, not per date).
   */
  Map<LocalDate, long[]> quarantineCounts(DatasetConfig ds, List<LocalDate> dates) {
    Map<LocalDate, long[]> out = new LinkedHashMap<>();
    Dataset<Row> runs = runs(zones.processed(), ds.name(), RAW_TO_PROCESSED);
    if (runs == null || dates.isEmpty()) {
      return out;
    }
    List<String> wanted = dates.stream().map(LocalDate::toString).toList();
    List<Row> rows = runs.select(explode(col("partitions")).as("p"), col("rows_read"), col("rows_quarantined"))
        .where(col("p").isin(wanted.toArray()))
        .groupBy("p").agg(sum("rows_read"), sum("rows_quarantined")).collectAsList();
    for (Row r : rows) {
      out.put(LocalDate.parse(r.getString(0)), new long[] {r.getLong(1), r.getLong(2)});
    }
    return out;
  }

  private Timestamp lastPassingRun(String dataset, String qualityJob) {
    Dataset<Row> runs = runs(zones.quality(), dataset, qualityJob);
    if (runs == null) {
      return null;
    }
    Row last = runs.agg(max("started_at")).first();
    return last.isNullAt(0) ? null : last.getTimestamp(0);
  }

  /** The SUCCEEDED runs of {@code job} for {@code dataset} in a zone's _runs (null when there is none). */
  private Dataset<Row> runs(String zone, String dataset, String job) {
    String path = RunLog.path(zone);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return null;
    }
    return spark.read().format("delta").load(path)
        .where(col("job").equalTo(job).and(col("dataset").equalTo(dataset)).and(col("status").equalTo("SUCCEEDED")));
  }
}
