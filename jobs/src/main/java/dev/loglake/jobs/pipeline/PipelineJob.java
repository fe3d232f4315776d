package dev.loglake.jobs.pipeline;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.error.NotImplementedException;
import dev.loglake.common.error.QualityGateException;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedJob;
import dev.loglake.jobs.quality.QualityJob;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs raw-to-processed, quality, processed-to-curated and alb-status in one session, in the order
 * the Step Functions machine does: the local stand-in for it. A failing step stops the pipeline with
 * that step's exit code (3 when the quality gate fails). A step that is still scaffolding is reported
 * as not implemented and skipped. With {@code --date} every step is limited to that day (see {@link
 * PipelineConfig#limitToDate}); without it raw-to-processed takes its lookback window and alb-status
 * reports on yesterday.
 */
public final class PipelineJob implements EtlJob<PipelineConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);
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
    return "run raw-to-processed, quality, processed-to-curated and alb-status in order";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value(
            "date",
            "YYYY-MM-DD",
            "run every step for one event day, as the state machine does"
                + " (default: new files, yesterday's report)"));
  }

  /** The steps, in order. */
  public List<EtlJob<?>> steps() {
    return List.of(
        new RawToProcessedJob(clock),
        new QualityJob(clock),
        new ProcessedToCuratedJob(clock),
        new AlbStatusJob(clock));
  }

  @Override
  public PipelineConfig config(EtlConfig config) {
    return PipelineConfig.from(config, steps());
  }

  @Override
  public JobResult run(SparkSession spark, PipelineConfig config) {
    List<Map<String, Object>> results = new ArrayList<>();
    List<String> notImplemented = new ArrayList<>();
    for (PreparedStep<?> step : config.steps()) {
      Instant start = clock.instant();
      Map<String, Object> summary = new LinkedHashMap<>();
      try {
        summary.putAll(step.run(spark).toSummary());
        // A step's result is timed from the pipeline's start; report the step's own time.
        summary.put("duration_s", (clock.millis() - start.toEpochMilli()) / 1000.0);
        LOG.info("{}", JobRunner.stepLine(summary));
      } catch (QualityGateException e) {
        // Stop here, as the state machine does, with what ran so far on the SUMMARY line.
        summary.put("job", step.job().name());
        summary.put("status", JobResult.Status.QUALITY_GATE_FAILED.name());
        summary.put("duration_s", (clock.millis() - start.toEpochMilli()) / 1000.0);
        e.figures().forEach(summary::putIfAbsent);
        results.add(summary);
        throw EtlErrors.qualityGateFailed(
            e.getMessage().replaceFirst("^Quality gate failed: ", ""), figures(config, results, notImplemented));
      } catch (NotImplementedException e) {
        LOG.warn("Skipping step {}: {}", step.job().name(), e.getMessage());
        notImplemented.add(step.job().name());
        summary.put("job", step.job().name());
        summary.put("status", "NOT_IMPLEMENTED");
        summary.put("duration_s", (clock.millis() - start.toEpochMilli()) / 1000.0);
      }
      results.add(summary);
    }
    return JobResult.succeeded(config.etl(), clock, figures(config, results, notImplemented));
  }

  private static Map<String, Object> figures(
      PipelineConfig config, List<Map<String, Object>> results, List<String> notImplemented) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("steps", results);
    figures.put("not_implemented", notImplemented);
    figures.put("lake", Map.of(
        "raw", config.etl().zones().raw(),
        "processed", config.etl().zones().processed(),
        "curated", config.etl().zones().curated(),
        "quality", config.etl().zones().quality(),
        "reports", config.etl().zones().reports()));
    return figures;
  }
}
