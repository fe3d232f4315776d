package dev.loglake.jobs.quality;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.io.RunLog;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.quality.QualityGate;
import dev.loglake.quality.QualityReport;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deequ checks per date partition of the processed datasets and of the curated tables that have rules
 * ({@code conf/quality/<table>.conf}), a 0-100 score, and the gate (exit 3, the SUMMARY line carrying
 * the scores and failed rules).
 */
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
  public java.util.Set<LakeCatalog.Zone> writesZones() {
    return java.util.Set.of(LakeCatalog.Zone.QUALITY);
  }

  @Override
  public String name() {
    return "quality";
  }

  @Override
  public String description() {
    return "score the processed and curated partitions touched by the last runs; exit 3 if an error-level rule fails";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("datasets", "a,curated.t", "datasets and curated.<table>s to check (default: all)"),
        JobOption.value("from", "YYYY-MM-DD", "first date to check"),
        JobOption.value("to", "YYYY-MM-DD", "last date to check"),
        JobOption.value("fail-on", "error|warning|never", "which failed rules fail the job with exit 3 (default error)"),
        JobOption.flag("profile", "also write a column profile per dataset"),
        JobOption.value("models-dir", "DIR", "folder of the curated model files (default: <conf dir>/curated)"));
  }

  @Override
  public QualityConfig config(EtlConfig config) {
    return QualityConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, QualityConfig config) {
    // First: rules for a curated table no model builds stop the job (exit 2) before any scoring.
    List<CuratedTargets.Target> curated = CuratedTargets.resolve(spark, config);
    QualityChecks checks = new QualityChecks(spark, config, name(), clock.instant());
    config.datasets().forEach(checks::dataset);
    curated.forEach(checks::curated);
    Map<String, List<QualityReport>> reports = checks.reports();
    reports.forEach((table, checked) -> {
      if (!checked.isEmpty()) {
        QualityTables.write(spark, config.etl().zones().quality(), config.etl().runId(), table, checked, clock.instant());
      }
    });
    List<QualityReport> all = reports.values().stream().flatMap(List::stream).toList();
    boolean gateFails = QualityGate.fails(all, config.failOn());
    recordRuns(spark, config, reports, gateFails);
    QualityReportFiles.Written files = QualityReportFiles.write(spark, config, reports, gateFails, clock.instant());
    Map<String, Object> figures = QualitySummary.figures(reports, files, checks.profiles(), checks.skipped());
    if (gateFails) {
      throw EtlErrors.qualityGateFailed(QualityGate.summary(all, config.failOn()) + "\nReport: " + files.html(), figures);
    }
    QualityGate.enforce(all, config.failOn());
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  /**
   * One quality/_runs row per dataset or curated table: the rows it scored and the result rows written.
   * A table whose failures fail the gate is not a checkpoint.
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
    LOG.debug("quality run {}: gate {}", config.etl().runId(), gateFails ? "FAILED" : "PASSED");
  }
}
