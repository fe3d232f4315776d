package dev.loglake.jobs.pipeline;

import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.error.NotImplementedException;
import dev.loglake.common.error.QualityGateException;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.quality.QualityVerdict;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline run's steps as they go: each step's SUMMARY fields (timed on its own), the steps that
 * are still scaffolding, and the quality gates that failed. A failed gate does not stop the run (the
 * steps after it run for what passed); {@link #figures} and {@link #gateFailure} report it at the end.
 */
final class PipelineRun {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);
  static final String SKIPPED = "SKIPPED";

  private final SparkSession spark;
  private final Clock clock;
  private final List<Map<String, Object>> steps = new ArrayList<>();
  private final List<String> notImplemented = new ArrayList<>();
  private final List<String> gateFailures = new ArrayList<>();

  PipelineRun(SparkSession spark, Clock clock) {
    this.spark = spark;
    this.clock = clock;
  }

  /** Runs {@code step}; its failure (other than the quality gate) stops the pipeline with its exit code. */
  Map<String, Object> run(PreparedStep<?> step) {
    Instant start = clock.instant();
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", step.name());
    try {
      summary.putAll(step.run(spark).toSummary());
    } catch (QualityGateException e) {
      // The steps after it go on with what passed; the pipeline fails with exit 3 at the end.
      summary.put("status", JobResult.Status.QUALITY_GATE_FAILED.name());
      e.figures().forEach(summary::putIfAbsent);
      gateFailures.add(step.name() + ": " + e.getMessage().replaceFirst("^Quality gate failed: ", ""));
    } catch (NotImplementedException e) {
      LOG.warn("Skipping step {}: {}", step.name(), e.getMessage());
      notImplemented.add(step.name());
      summary.put("status", "NOT_IMPLEMENTED");
    } catch (RuntimeException e) {
      if (!gateFailures.isEmpty()) {
        LOG.error("Step {} failed after the quality gate failed: {}", step.name(), String.join("\n", gateFailures));
      }
      throw e;
    } finally {
      summary.put("job", step.name());
      // A step's result is timed from the pipeline's start; report the step's own time.
      summary.put("duration_s", (clock.millis() - start.toEpochMilli()) / 1000.0);
      steps.add(summary);
      if (summary.containsKey("status")) {
        LOG.info("{}", JobRunner.stepLine(summary)); // the step's progress line on the console
      }
    }
    return summary;
  }

  /** Runs a quality step; its verdict (empty when the job is still scaffolding). */
  Optional<QualityVerdict> quality(PreparedStep<?> step) {
    Map<String, Object> summary = run(step);
    return summary.containsKey("zone") ? Optional.of(QualityVerdict.from(summary)) : Optional.empty();
  }

  /** Records {@code step} as not run, with the reason. */
  void skip(PreparedStep<?> step, String reason) {
    LOG.warn("Skipping step {}: {}", step.name(), reason);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", step.name());
    summary.put("status", SKIPPED);
    summary.put("reason", reason);
    summary.put("duration_s", 0.0);
    steps.add(summary);
  }

  /** The last step's SUMMARY fields, to add what the pipeline decided about it. */
  Map<String, Object> last() {
    return steps.get(steps.size() - 1);
  }

  /** The failed gates as the pipeline's error: every failure of every quality step, and what was held back. */
  Optional<QualityGateException> gateFailure(List<String> heldBack, Map<String, Object> figures) {
    if (gateFailures.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = new ArrayList<>(gateFailures);
    lines.addAll(heldBack);
    return Optional.of(EtlErrors.qualityGateFailed(String.join("\n", lines), figures));
  }

  List<Map<String, Object>> steps() {
    return steps;
  }

  List<String> notImplemented() {
    return notImplemented;
  }
}
