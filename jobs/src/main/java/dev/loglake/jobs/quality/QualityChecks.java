package dev.loglake.jobs.quality;

import static org.apache.spark.sql.functions.col;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.quality.QualityProfiler;
import dev.loglake.quality.QualityReport;
import dev.loglake.quality.QualityRule;
import dev.loglake.quality.QualitySuite;
import dev.loglake.quality.RuleResult;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One quality run's checks: scores the partitions of each processed dataset and curated table it is
 * given, and collects the reports (by table name: the dataset's, or {@code curated.<table>}), the
 * profiles written and the curated tables skipped because they do not exist yet.
 */
final class QualityChecks {

  private static final Logger LOG = LoggerFactory.getLogger(QualityChecks.class);

  private final SparkSession spark;
  private final QualityConfig config;
  private final QualityInputs inputs;
  private final String job;
  private final Instant now;
  private final Map<String, List<QualityReport>> reports = new LinkedHashMap<>();
  private final Map<String, String> skipped = new LinkedHashMap<>();
  private final List<String> profiles = new ArrayList<>();
  private final Map<String, String> tables = new LinkedHashMap<>();
  private final Map<String, Double> quarantineShares = new LinkedHashMap<>();

  QualityChecks(SparkSession spark, QualityConfig config, String job, Instant now) {
    this.spark = spark;
    this.config = config;
    this.inputs = new QualityInputs(spark, config.etl().zones());
    this.job = job;
    this.now = now;
  }

  /**
   * What checking one table found: its reports (one per date; null when the table was skipped), the
   * reasons it or some of its days were skipped, the quarantined share of its input (processed datasets
   * with runs only) and its profile's path (with --profile).
   */
  record TableCheck(String name, String table, List<QualityReport> reports, String skipped, Double quarantineShare,
      String profile) {}

  /**
   * Scores a processed dataset's partitions: its rules, then its quarantine-share rule. Touches no
   * state of this object: several tables are checked at the same time ({@link #add} collects them).
   */
  TableCheck dataset(QualityConfig.DatasetRules dr) {
    DatasetConfig ds = dr.dataset();
    List<LocalDate> dates = inputs.partitions(ds, config.range(), job);
    Map<LocalDate, long[]> quarantine = inputs.quarantineCounts(ds, dates);
    long[] totals = inputs.quarantineTotals(ds, dates);
    Double share = totals == null ? null : (double) totals[1] / totals[0];
    Dataset<Row> table = dates.isEmpty() ? null : inputs.table(ds);
    Scored scored = score(ds.name(), table, "date", dr.rules(), dates, date -> {
      long[] counts = quarantine.getOrDefault(date, new long[2]);
      return List.of(QualitySuite.quarantineShare(dr.quarantineRule(), counts[0], counts[1]));
    });
    return new TableCheck(ds.name(), "processed." + ds.table(), scored.reports(), null, share, scored.profile());
  }

  /**
   * Scores a curated table's built partitions; a table not built yet, and the days of --from/--to its
   * model has not written, are skipped with a warning. Touches no state of this object, as {@link #dataset}.
   */
  TableCheck curated(CuratedTargets.Target target) {
    CuratedRules rules = target.rules();
    String name = "curated." + rules.table();
    Dataset<Row> table = inputs.curatedTable(rules.table());
    if (table == null) {
      String why = "no Delta table at " + inputs.curatedPath(rules.table())
          + " (its model has not been built yet; run processed-to-curated)";
      LOG.warn("{}: skipped, {}", rules.name(), why);
      return new TableCheck(rules.name(), name, null, why, null, null);
    }
    List<LocalDate> dates = inputs.curatedPartitions(rules, config.range(), job);
    String skippedDays = null;
    if (config.range().isPresent()) {
      List<LocalDate> unbuilt = config.range().get().days().filter(d -> !dates.contains(d)).toList();
      if (!unbuilt.isEmpty()) {
        skippedDays = "partitions " + unbuilt + " not built (no processed-to-curated run of its model wrote them)";
        LOG.warn("{}: {}", rules.name(), skippedDays);
      }
    }
    Scored scored = score(rules.name(), table, target.partitionColumn(), rules.rules(), dates, date -> List.of());
    return new TableCheck(rules.name(), name, scored.reports(), skippedDays, null, scored.profile());
  }

  /** Adds a table's check to the run's: call it in the order the tables are configured. */
  void add(TableCheck check) {
    tables.put(check.name(), check.table());
    if (check.quarantineShare() != null) {
      quarantineShares.put(check.name(), check.quarantineShare());
    }
    if (check.skipped() != null) {
      skipped.put(check.name(), check.skipped());
    }
    if (check.reports() != null) {
      reports.put(check.name(), check.reports());
    }
    if (check.profile() != null) {
      profiles.add(check.profile());
    }
  }

  /** The reports of every table checked, by table name, in the order checked. */
  Map<String, List<QualityReport>> reports() {
    return reports;
  }

  /** Curated tables (or some of their days) skipped, with the reason. */
  Map<String, String> skipped() {
    return skipped;
  }

  /**
   * The Delta table behind each name checked ({@code processed.<table>} of a dataset, {@code
   * curated.<table>} of a curated table): the Table dimension of the quality metrics.
   */
  Map<String, String> tables() {
    return tables;
  }

  /**
   * Per processed dataset, the share of input rows quarantined by the raw-to-processed runs that
   * wrote the partitions checked (each run once); absent when no run recorded any row.
   */
  Map<String, Double> quarantineShares() {
    return quarantineShares;
  }

  /** The profiles written (with --profile). */
  List<String> profiles() {
    return profiles;
  }

  /** A table's reports, one per date, and its profile's path (null without --profile). */
  private record Scored(List<QualityReport> reports, String profile) {}

  /**
   * One report per date of {@code dates}: the rules on the date's rows of {@code table} (none when the
   * table is null), then {@code own}'s results for the date. Also writes the profile with --profile.
   */
  private Scored score(String name, Dataset<Row> table, String partitionColumn, List<QualityRule> rules,
      List<LocalDate> dates, Function<LocalDate, List<RuleResult>> own) {
    LOG.debug("{}: checking partitions {}", name, dates);
    String history = LakeZones.join(config.etl().zones().quality(), "_metrics", name + ".json");
    List<QualityReport> out = new ArrayList<>();
    for (LocalDate date : dates) {
      List<RuleResult> results = new ArrayList<>();
      long rows = 0;
      if (table != null) {
        Dataset<Row> partition = table.where(col(partitionColumn).equalTo(Date.valueOf(date)))
            .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          QualitySuite.Checked checked =
              QualitySuite.check(partition, rules, new QualitySuite.Scope(name, date, now, history));
          results.addAll(checked.results());
          rows = checked.rows();
        } finally {
          partition.unpersist();
        }
      }
      results.addAll(own.apply(date));
      QualityReport report = QualityReport.of(name, date.toString(), rows, results);
      // The console shows the partitions a person must look at; a clean pass is in the log file.
      if (report.failedRules().isEmpty()) {
        LOG.debug("{} {}: {} rows, score {} ({})", name, date, rows, report.score(), report.status());
      } else {
        LOG.info("{} {}: {} rows, score {} ({}), failed: {}", name, date, rows, report.score(), report.status(),
            report.failedRules());
      }
      out.add(report);
    }
    String profile = config.profile() && table != null && !dates.isEmpty()
        ? profile(name, table, partitionColumn, dates) : null;
    return new Scored(out, profile);
  }

  private String profile(String name, Dataset<Row> table, String partitionColumn, List<LocalDate> dates) {
    Dataset<Row> rows = table.where(col(partitionColumn).isin(dates.stream().map(Date::valueOf).toArray()));
    String path = LakeZones.join(config.etl().zones().quality(), "profiles", name,
        "profile_" + config.etl().runId() + ".json");
    QualityReportFiles.writeText(spark, path, QualityProfiler.profileJson(rows));
    return path;
  }
}
