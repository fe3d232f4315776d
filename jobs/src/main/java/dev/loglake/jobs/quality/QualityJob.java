package dev.loglake.jobs.quality;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.io.RunLog;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.quality.QualityGate;
import dev.loglake.quality.QualityProfiler;
import dev.loglake.quality.QualityReport;
import dev.loglake.quality.QualitySuite;
import dev.loglake.quality.RuleResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deequ checks per dataset and date partition, a 0-100 score, and the gate (exit 3). */
public final class QualityJob implements EtlJob<QualityConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(QualityJob.class);
  private final Clock clock;

  public QualityJob() {
    this(Clock.systemUTC());
  }

  public QualityJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new QualityJob(), args);
  }

  @Override
  public String name() {
    return "quality";
  }

  @Override
  public String description() {
    return "score the processed partitions touched by the last runs; exit 3 if an error-level rule fails";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("datasets", "a,b", "datasets to check (default: all)"),
        JobOption.value("from", "YYYY-MM-DD", "first date to check"),
        JobOption.value("to", "YYYY-MM-DD", "last date to check"),
        JobOption.value("fail-on", "error|warning|never", "which failed rules fail the job with exit 3 (default error)"),
        JobOption.flag("profile", "also write a column profile per dataset"));
  }

  @Override
  public QualityConfig config(EtlConfig config) {
    return QualityConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, QualityConfig config) {
    QualityInputs inputs = new QualityInputs(spark, config.etl().zones());
    Map<String, List<QualityReport>> reports = new LinkedHashMap<>();
    List<String> profiles = new ArrayList<>();
    for (QualityConfig.DatasetRules dr : config.datasets()) {
      DatasetConfig ds = dr.dataset();
      List<LocalDate> dates = inputs.partitions(ds, config.range(), name());
      LOG.info("{}: checking partitions {}", ds.name(), dates);
      List<QualityReport> checked = check(spark, config, inputs, dr, dates);
      reports.put(ds.name(), checked);
      if (!checked.isEmpty()) {
        QualityTables.write(spark, config.etl().zones().quality(), config.etl().runId(), ds.name(), checked, clock.instant());
      }
      if (config.profile() && !dates.isEmpty()) {
        profiles.add(profile(spark, config, inputs, ds, dates));
      }
    }
    List<QualityReport> all = reports.values().stream().flatMap(List::stream).toList();
    boolean gateFails = QualityGate.fails(all, config.failOn());
    recordRuns(spark, config, reports, gateFails);
    QualityReportFiles.Written files = QualityReportFiles.write(spark, config, reports, gateFails, clock.instant());
    Map<String, Object> figures = QualitySummary.figures(reports, files, profiles);
    if (gateFails) {
      throw EtlErrors.qualityGateFailed(QualityGate.summary(all, config.failOn()) + "\nReport: " + files.html(), figures);
    }
    QualityGate.enforce(all, config.failOn());
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  private List<QualityReport> check(SparkSession spark, QualityConfig config, QualityInputs inputs,
      QualityConfig.DatasetRules dr, List<LocalDate> dates) {
    DatasetConfig ds = dr.dataset();
    Map<LocalDate, long[]> quarantine = inputs.quarantineCounts(ds, dates);
    String history = LakeZones.join(config.etl().zones().quality(), "_metrics", ds.name() + ".json");
    List<QualityReport> out = new ArrayList<>();
    Dataset<Row> table = dates.isEmpty() ? null : inputs.table(ds);
    for (LocalDate date : dates) {
      Dataset<Row> rows = table == null ? null : table.where(org.apache.spark.sql.functions.col("date").equalTo(java.sql.Date.valueOf(date)));
      List<RuleResult> results = new ArrayList<>();
      long scored = 0;
      if (rows == null) {
        results.add(QualitySuite.quarantineShare(dr.quarantineRule(), 0, 0));
      } else {
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK());
        try {
          QualitySuite.Checked checked =
              QualitySuite.check(rows, dr.rules(), new QualitySuite.Scope(ds.name(), date, clock.instant(), history));
          results.addAll(checked.results());
          scored = checked.rows();
        } finally {
          rows.unpersist();
        }
        long[] counts = quarantine.getOrDefault(date, new long[2]);
        results.add(QualitySuite.quarantineShare(dr.quarantineRule(), counts[0], counts[1]));
      }
      QualityReport report = QualityReport.of(ds.name(), date.toString(), scored, results);
      LOG.info("{} {}: {} rows, score {} ({}), failed: {}", ds.name(), date, scored, report.score(), report.status(),
          report.failedRules());
      out.add(report);
    }
    return out;
  }

  private String profile(SparkSession spark, QualityConfig config, QualityInputs inputs, DatasetConfig ds, List<LocalDate> dates) {
    Dataset<Row> rows = inputs.table(ds).where(org.apache.spark.sql.functions.col("date")
        .isin(dates.stream().map(java.sql.Date::valueOf).toArray()));
    String path = LakeZones.join(config.etl().zones().quality(), "profiles", ds.name(),
        "profile_" + config.etl().runId() + ".json");
    QualityReportFiles.writeText(spark, path, QualityProfiler.profileJson(rows));
    return path;
  }

  /**
   * One quality/_runs row per dataset: the rows it scored and the result rows written. A dataset whose
   * failures fail the gate is not a checkpoint.
   */
  private void recordRuns(SparkSession spark, QualityConfig config, Map<String, List<QualityReport>> reports, boolean gateFails) {
    for (Map.Entry<String, List<QualityReport>> e : reports.entrySet()) {
      boolean blocks = QualityGate.fails(e.getValue(), config.failOn());
      long rows = e.getValue().stream().mapToLong(QualityReport::rows).sum();
      long results = e.getValue().stream().mapToLong(r -> r.results().size()).sum();
      RunLog.append(spark, config.etl().zones().quality(), new RunLog.Entry(config.etl().runId(), name(), e.getKey(),
          blocks ? "QUALITY_GATE_FAILED" : "SUCCEEDED", 0, 0, rows, results, 0, 0, Map.of(),
          e.getValue().stream().map(QualityReport::partition).toList(), config.etl().startedAt(), clock.instant(),
          blocks ? QualityGate.summary(e.getValue(), config.failOn()) : null));
    }
    LOG.info("quality run {}: gate {}", config.etl().runId(), gateFails ? "FAILED" : "PASSED");
  }
}
