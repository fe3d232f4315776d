package dev.loglake.jobs.quality;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.io.RunLog;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.core.OnThreads;
import dev.loglake.quality.QualityGate;
import dev.loglake.quality.QualityReport;
import java.time.Clock;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.io.DeltaInputs;
import dev.loglake.common.spark.SmallInputCodegen;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deequ checks per date partition of the processed datasets and of the curated tables that have rules
 * ({@code conf/quality/<table>.conf}), a 0-100 score, and the gate (exit 3, the SUMMARY line carrying
 * the scores and failed rules). The gate is also judged per dataset ({@link QualityVerdict}): the
 * pipeline checks the processed datasets ({@code --zone processed}) before processed-to-curated and
 * builds only the models whose inputs passed, then checks the curated tables it built ({@code --zone
 * curated}).
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
        JobOption.flag("allow-empty", "succeed when the --from/--to range holds no row"),
        JobOption.value("models-dir", "DIR", "folder of the curated model files (default: <conf dir>/curated)"),
        JobOption.value("zone", "all|processed|curated", "check the processed datasets, the curated tables, or both (default all)"),
        JobOption.value("gate-file", "PATH", "also write the per-dataset verdict as JSON there (local path or s3:// URI)"));
  }

  @Override
  public QualityConfig config(EtlConfig config) {
    return QualityConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, QualityConfig config) {
    boolean lineageNeeded = !config.curated().isEmpty() || config.gating().zone() == QualityConfig.Zone.PROCESSED;
    ModelLineage lineage = lineageNeeded ? ModelLineage.load(spark, config) : null;
    // First: rules for a curated table no model builds stop the job (exit 2) before any scoring.
    List<CuratedTargets.Target> curated = CuratedTargets.resolve(config, lineage);
    List<DeltaInputs.Table> tables = tables(config, curated);
    DeltaInputs.Figures read = DeltaInputs.of(spark, tables, config.range().orElse(null));
    if (config.range().isPresent() && read.files() == 0 && !config.allowEmpty()) {
      throw DeltaInputs.noInput(spark, tables, config.range().get());
    }
    return SmallInputCodegen.run(spark, read.bytes(), () -> check(spark, config, lineage, curated, read));
  }

  /** Scores the partitions, writes the results, reports and applies the gate. */
  private JobResult check(SparkSession spark, QualityConfig config, ModelLineage lineage,
      List<CuratedTargets.Target> curated, DeltaInputs.Figures read) {
    QualityChecks checks = new QualityChecks(spark, config, name(), clock.instant());
    // Each table on its own: several at a time (parallelism), collected in the configured order.
    List<java.util.function.Supplier<QualityChecks.TableCheck>> work = new java.util.ArrayList<>();
    config.datasets().forEach(ds -> work.add(() -> checks.dataset(ds)));
    curated.forEach(target -> work.add(() -> checks.curated(target)));
    OnThreads.inOrder(work, config.parallelism(), "loglake-quality").forEach(checks::add);
    Map<String, List<QualityReport>> reports = checks.reports();
    QualityTables.write(spark, config.etl().zones().quality(), config.etl().runId(), reports, clock.instant());
    List<QualityReport> all = reports.values().stream().flatMap(List::stream).toList();
    boolean gateFails = QualityGate.fails(all, config.failOn());
    recordRuns(spark, config, reports, gateFails);
    QualityReportFiles.Written files = QualityReportFiles.write(spark, config, reports, gateFails, clock.instant());
    QualityVerdict verdict = QualityVerdict.of(config, reports, lineage);
    if (!config.gating().gateFile().isEmpty()) {
      // Written before the gate's exit 3 too: the state machine reads it to go on with what passed.
      QualityReportFiles.writeText(spark, config.gating().gateFile(),
          verdict.gateFileJson(config.etl().runId(), config.failOn().name().toLowerCase(java.util.Locale.ROOT)));
    }
    Map<String, Object> figures = new java.util.LinkedHashMap<>(
        QualitySummary.figures(reports, files, checks, verdict));
    figures.putAll(read.toMap());
    // Before the gate's exit 3 too: warnings reach people whatever the gate says.
    figures.putAll(QualityWarnings.notify(spark, config.warnings(), config.etl().zones().quality(), config.etl().runId(),
        reports, checks.tables(), files.html(), clock.instant()));
    if (gateFails) {
      throw EtlErrors.qualityGateFailed(QualityGate.summary(all, config.failOn()) + "\nReport: " + files.html(), figures);
    }
    QualityGate.enforce(all, config.failOn());
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  /** The processed and curated tables the run checks. */
  private static List<DeltaInputs.Table> tables(QualityConfig config, List<CuratedTargets.Target> curated) {
    List<DeltaInputs.Table> tables = new java.util.ArrayList<>();
    for (QualityConfig.DatasetRules ds : config.datasets()) {
      tables.add(new DeltaInputs.Table("processed." + ds.dataset().table(),
          LakeZones.join(config.etl().zones().processed(), ds.dataset().table()), "date"));
    }
    for (CuratedTargets.Target t : curated) {
      tables.add(new DeltaInputs.Table("curated." + t.rules().table(),
          LakeZones.join(config.etl().zones().curated(), t.rules().table()), t.partitionColumn()));
    }
    return tables;
  }

  /**
   * One quality/_runs row per dataset or curated table: the rows it scored and the result rows written.
   * A table whose failures fail the gate is not a checkpoint.
   */
  private void recordRuns(SparkSession spark, QualityConfig config, Map<String, List<QualityReport>> reports, boolean gateFails) {
    List<RunLog.Entry> runs = new java.util.ArrayList<>();
    for (Map.Entry<String, List<QualityReport>> e : reports.entrySet()) {
      boolean blocks = QualityGate.fails(e.getValue(), config.failOn());
      long rows = e.getValue().stream().mapToLong(QualityReport::rows).sum();
      long results = e.getValue().stream().mapToLong(r -> r.results().size()).sum();
      runs.add(new RunLog.Entry(config.etl().runId(), name(), e.getKey(),
          blocks ? "QUALITY_GATE_FAILED" : "SUCCEEDED", 0, 0, rows, results, 0, 0, Map.of(),
          e.getValue().stream().map(QualityReport::partition).toList(), config.etl().startedAt(), clock.instant(),
          blocks ? QualityGate.summary(e.getValue(), config.failOn()) : null));
    }
    // One commit for every dataset's row.
    RunLog.append(spark, config.etl().zones().quality(), runs);
    LOG.debug("quality run {}: gate {}", config.etl().runId(), gateFails ? "FAILED" : "PASSED");
  }
}
