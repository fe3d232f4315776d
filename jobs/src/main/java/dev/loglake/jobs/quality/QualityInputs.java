package dev.loglake.jobs.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_overlap;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What the quality job reads: which partitions to check (from the {@code _runs} tables), the processed
 * and curated tables themselves, and each processed partition's quarantine counts.
 */
final class QualityInputs {

  static final String RAW_TO_PROCESSED = "raw-to-processed";
  static final String PROCESSED_TO_CURATED = "processed-to-curated";

  private static final Column SUCCEEDED = col("status").equalTo("SUCCEEDED");

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
  List<LocalDate> partitions(DatasetConfig ds, Optional<DateRange> range, String qualityJob) {
    if (range.isPresent()) {
      // Every day of the range, also one without rows: its row-count rule then fails (data missing).
      return table(ds) == null ? List.of() : range.get().days().toList();
    }
    return touchedSince(runs(zones.processed(), ds.name(), RAW_TO_PROCESSED, SUCCEEDED), ds.name(), qualityJob);
  }

  /**
   * The partitions of the curated table of {@code rules} to check: the days of {@code range} that a
   * processed-to-curated run of its model wrote, or else those that such runs ending after the start
   * of the last passing quality run of {@code curated.<table>} wrote (its incremental and
   * full-refresh runs, SUCCEEDED, and its --from/--to runs, SUCCEEDED_RANGE). A day no run wrote is
   * not built: checking it would score an empty partition (and record its metrics).
   */
  List<LocalDate> curatedPartitions(CuratedRules rules, Optional<DateRange> range, String qualityJob) {
    Dataset<Row> written = runs(zones.curated(), rules.table(), PROCESSED_TO_CURATED, col("status").startsWith("SUCCEEDED"));
    if (range.isPresent()) {
      Set<LocalDate> built = new HashSet<>(touchedSince(written, null, qualityJob));
      return range.get().days().filter(built::contains).toList();
    }
    return touchedSince(written, rules.name(), qualityJob);
  }

  /** The processed table (null when it does not exist). */
  Dataset<Row> table(DatasetConfig ds) {
    return delta(LakeZones.join(zones.processed(), ds.table()));
  }

  /** Curated table {@code table} (null when it does not exist: its model has not been built yet). */
  Dataset<Row> curatedTable(String table) {
    return delta(curatedPath(table));
  }

  String curatedPath(String table) {
    return LakeZones.join(zones.curated(), table);
  }

  /**
   * Rows read and quarantined by the raw-to-processed runs that touched each of {@code dates}: a run's
   * counts go to every date it touched (its counts are per run, not per date).
   */
  Map<LocalDate, long[]> quarantineCounts(DatasetConfig ds, List<LocalDate> dates) {
    Map<LocalDate, long[]> out = new LinkedHashMap<>();
    Dataset<Row> runs = runs(zones.processed(), ds.name(), RAW_TO_PROCESSED, SUCCEEDED);
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

  /**
   * Rows read and quarantined by the raw-to-processed runs that touched any of {@code dates}, each run
   * counted once: the input of the dataset's quarantine share over a quality run (null when no run
   * recorded any row).
   */
  long[] quarantineTotals(DatasetConfig ds, List<LocalDate> dates) {
    Dataset<Row> runs = runs(zones.processed(), ds.name(), RAW_TO_PROCESSED, SUCCEEDED);
    if (runs == null || dates.isEmpty()) {
      return null;
    }
    Column wanted = array(dates.stream().map(d -> lit(d.toString())).toArray(Column[]::new));
    Row totals = runs.where(arrays_overlap(col("partitions"), wanted))
        .agg(sum("rows_read"), sum("rows_quarantined")).first();
    return totals.isNullAt(0) || totals.getLong(0) <= 0 ? null : new long[] {totals.getLong(0), totals.getLong(1)};
  }

  /**
   * The partitions of those of {@code runs} that ended after the start of {@code name}'s last passing
   * quality run (of all of them when {@code name} is null).
   */
  private List<LocalDate> touchedSince(Dataset<Row> runs, String name, String qualityJob) {
    if (runs == null) {
      return List.of();
    }
    Timestamp watermark = name == null ? null : lastPassingRun(name, qualityJob);
    if (watermark != null) {
      runs = runs.where(col("ended_at").gt(lit(watermark)));
    }
    return runs.select(explode(col("partitions")).as("p")).distinct().collectAsList().stream()
        .map(r -> LocalDate.parse(r.getString(0))).sorted().toList();
  }

  private Timestamp lastPassingRun(String name, String qualityJob) {
    Dataset<Row> runs = runs(zones.quality(), name, qualityJob, SUCCEEDED);
    if (runs == null) {
      return null;
    }
    Row last = runs.agg(max("started_at")).first();
    return last.isNullAt(0) ? null : last.getTimestamp(0);
  }

  /** The runs of {@code job} for {@code dataset} in a zone's _runs whose status {@code status} accepts (null: no _runs). */
  private Dataset<Row> runs(String zone, String dataset, String job, Column status) {
    Dataset<Row> runs = delta(RunLog.path(zone));
    return runs == null ? null : runs.where(col("job").equalTo(job).and(col("dataset").equalTo(dataset)).and(status));
  }

  private Dataset<Row> delta(String path) {
    return DeltaTable.isDeltaTable(spark, path) ? spark.read().format("delta").load(path) : null;
  }
}
