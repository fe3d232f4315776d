package dev.loglake.jobs.pipeline;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedConfig;
import dev.loglake.jobs.quality.QualityVerdict;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * Runs raw-to-processed, quality (the processed datasets), processed-to-curated, quality (the curated
 * tables it built) and alb-status in one session, gated per dataset as the Step Functions machine
 * does: the local stand-in for it. processed-to-curated builds only the models none of whose input
 * datasets failed the gate, and alb-status runs when the dataset it reads passed (or it reads raw
 * files). A failed gate does not stop the steps after it; the pipeline then exits 3 with every
 * failure named. Any other failing step stops the pipeline with that step's exit code. A step that
 * is still scaffolding is reported as not implemented and skipped. With {@code --date} every step is
 * limited to that day (see {@link PipelineConfig#limitToDate}); without it raw-to-processed takes its
 * lookback window and alb-status reports on yesterday.
 */
public final class PipelineJob implements EtlJob<PipelineConfig> {

  private final Clock clock;

  public PipelineJob() {
    this(Clock.systemUTC());
  }

  public PipelineJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new PipelineJob(), args);
  }

  @Override
  public java.util.Set<LakeCatalog.Zone> writesZones() {
    return java.util.EnumSet.allOf(LakeCatalog.Zone.class);
  }

  @Override
  public String name() {
    return "pipeline";
  }

  @Override
  public String description() {
    return "run raw-to-processed, quality, processed-to-curated, quality of the curated tables and alb-status,"
        + " gated per dataset";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value(
            "date",
            "YYYY-MM-DD",
            "run every step for one event day, as the state machine does"
                + " (default: new files, yesterday's report)"),
        JobOption.flag("maintain", "run maintain (compaction, retention, VACUUM) as the last step"));
  }

  @Override
  public PipelineConfig config(EtlConfig config) {
    return PipelineConfig.from(config, clock);
  }

  @Override
  public JobResult run(SparkSession spark, PipelineConfig config) {
    PipelineRun run = new PipelineRun(spark, clock);
    run.run(config.rawToProcessed());
    Optional<QualityVerdict> verdict = run.quality(config.quality());
    List<String> heldBack = new ArrayList<>();
    curate(run, config, verdict, heldBack);
    if (verdict.isPresent() && verdict.get().albStatus().equals(QualityVerdict.SKIP)) {
      String why = "the dataset it reads failed the quality gate (failed: " + verdict.get().failedDatasets() + ")";
      run.skip(config.albStatus(), why);
      heldBack.add("alb-status not run: " + why);
    } else {
      run.run(config.albStatus());
    }
    config.maintain().ifPresent(run::run);
    Map<String, Object> figures = figures(config, run);
    run.gateFailure(heldBack, figures).ifPresent(e -> {
      throw e;
    });
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  /**
   * processed-to-curated for the models none of whose input datasets failed the gate, then the
   * quality of the curated tables (the partitions it built).
   */
  private static void curate(PipelineRun run, PipelineConfig config, Optional<QualityVerdict> verdict,
      List<String> heldBack) {
    PreparedStep<ProcessedToCuratedConfig> step = config.processedToCurated();
    if (verdict.isEmpty()) {
      run.run(step);
      run.quality(config.qualityCurated());
      return;
    }
    Map<String, List<String>> blocked = verdict.get().blockedModels();
    if (!blocked.isEmpty()) {
      heldBack.add("not built (an input dataset failed): " + blocked.keySet());
    }
    List<String> models = buildable(step.config(), verdict.get());
    if (models.isEmpty()) {
      run.skip(step, blocked.isEmpty() ? "no model to build"
          : "every model reads a dataset that failed the quality gate: " + blocked);
      run.skip(config.qualityCurated(), "processed-to-curated built nothing");
      return;
    }
    run.run(step.with(step.config().withModels(models)));
    if (!blocked.isEmpty()) {
      run.last().put("blocked_models", blocked);
    }
    run.quality(config.qualityCurated());
  }

  /**
   * The models processed-to-curated builds: the verdict's (in build order), or those of its own
   * --models the verdict does not hold back (an unknown name still reaches it, to be reported).
   */
  static List<String> buildable(ProcessedToCuratedConfig curated, QualityVerdict verdict) {
    if (curated.models().isEmpty()) {
      return verdict.curatedModels();
    }
    return curated.models().stream().filter(m -> !verdict.blockedModels().containsKey(m)).toList();
  }

  private static Map<String, Object> figures(PipelineConfig config, PipelineRun run) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("steps", run.steps());
    figures.put("not_implemented", run.notImplemented());
    figures.put("lake", Map.of(
        "raw", config.etl().zones().raw(),
        "processed", config.etl().zones().processed(),
        "curated", config.etl().zones().curated(),
        "quality", config.etl().zones().quality(),
        "reports", config.etl().zones().reports()));
    return figures;
  }
}
