package dev.loglake.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flat log-search shape and the metric list of a pipeline-shaped summary. */
class SummaryFiguresTest {

  @Test
  void flattensNestedFiguresToDottedKeysAndKeysStepsByJob() {
    Map<String, Object> flat = SummaryFigures.flatten(pipelineSummary());

    assertThat(flat).containsExactly(
        Map.entry("job", "pipeline"),
        Map.entry("run_id", "r1"),
        Map.entry("status", "SUCCEEDED"),
        Map.entry("duration_s", 40.0),
        Map.entry("steps.raw-to-processed.status", "SUCCEEDED"),
        Map.entry("steps.raw-to-processed.duration_s", 30.0),
        Map.entry("steps.raw-to-processed.datasets.alb_logs.rows_read", 10L),
        Map.entry("steps.raw-to-processed.datasets.alb_logs.quarantine_reasons.bad_line", 1L),
        Map.entry("steps.raw-to-processed.datasets.alb_logs.partitions", List.of("2024-03-10")),
        Map.entry("steps.quality.status", "SUCCEEDED"),
        Map.entry("steps.quality.duration_s", 10.0),
        Map.entry("steps.quality.scores.alb_logs.2024-03-10", 99.5),
        Map.entry("steps.quality.gate", "PASSED"),
        Map.entry("not_implemented", List.of()));
  }

  @Test
  void metricsAreTheOutcomeTopLevelNumbersAndEachStepsAndDatasetsNumbers() {
    List<SummaryFigures.Metric> metrics = SummaryFigures.metrics(pipelineSummary());

    Map<String, String> job = Map.of("Job", "pipeline");
    Map<String, String> ingest = Map.of("Job", "pipeline", "Step", "raw-to-processed");
    Map<String, String> quality = Map.of("Job", "pipeline", "Step", "quality");
    assertThat(metrics).containsExactly(
        new SummaryFigures.Metric("failed", job, 0, "Count"),
        new SummaryFigures.Metric("duration_s", job, 40.0, "Seconds"),
        new SummaryFigures.Metric("duration_s", ingest, 30.0, "Seconds"),
        new SummaryFigures.Metric("rows_read", Map.of("Job", "pipeline", "Step", "raw-to-processed", "Dataset", "alb_logs"), 10, "Count"),
        new SummaryFigures.Metric("duration_s", quality, 10.0, "Seconds"));
    assertThat(metrics.get(3).dimensions().keySet()).containsExactly("Job", "Step", "Dataset");
  }

  @Test
  void aFailedRunIsFailedOneAndNonFiniteNumbersAreLeftOut() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", "alb-status");
    summary.put("status", "QUALITY_GATE_FAILED");
    summary.put("error_rate", Double.NaN);
    summary.put("requests", 0L);

    assertThat(SummaryFigures.metrics(summary)).containsExactly(
        new SummaryFigures.Metric("failed", Map.of("Job", "alb-status"), 1, "Count"),
        new SummaryFigures.Metric("requests", Map.of("Job", "alb-status"), 0, "Count"));
  }

  private static Map<String, Object> pipelineSummary() {
    Map<String, Object> alb = new LinkedHashMap<>();
    alb.put("rows_read", 10L);
    alb.put("quarantine_reasons", Map.of("bad_line", 1L));
    alb.put("partitions", List.of("2024-03-10"));
    Map<String, Object> ingest = step("raw-to-processed", 30.0);
    ingest.put("datasets", Map.of("alb_logs", alb));
    Map<String, Object> quality = step("quality", 10.0);
    quality.put("scores", Map.of("alb_logs", Map.of("2024-03-10", 99.5)));
    quality.put("gate", "PASSED");
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", "pipeline");
    summary.put("run_id", "r1");
    summary.put("status", "SUCCEEDED");
    summary.put("duration_s", 40.0);
    summary.put("steps", List.of(ingest, quality));
    summary.put("not_implemented", List.of());
    return summary;
  }

  private static Map<String, Object> step(String job, double seconds) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("job", job);
    s.put("status", "SUCCEEDED");
    s.put("duration_s", seconds);
    return s;
  }
}
