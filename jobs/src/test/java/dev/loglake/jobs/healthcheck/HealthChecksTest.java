package dev.loglake.jobs.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.jobs.sample.DatasetSummary;
import dev.loglake.jobs.sample.SampleDataSummary;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expectations on literal step summaries: what passes, and how a mismatch is named. */
class HealthChecksTest {

  static final LocalDate DAY = LocalDate.parse("2024-03-10");
  static final SampleDataSummary GENERATED =
      new SampleDataSummary(
          List.of(
              new DatasetSummary("alb_logs", "raw/AWSLogs", 576, 1469, 90_000, 400_000),
              new DatasetSummary("web_events", "raw/events/web", 4, 30232, 9_000_000, 9_000_000),
              new DatasetSummary("transactions", "raw/events/transactions", 2, 5002, 300_000, 300_000)));

  @Test
  void stepsThatAccountForEveryGeneratedLinePass() {
    List<HealthChecks.Check> checks = HealthChecks.verify(GENERATED, steps(), DAY);

    assertThat(HealthChecks.failures(checks)).isEmpty();
    assertThat(checks).hasSize(5 + 3 * 6 + 7);
  }

  @Test
  void aMissingFileIsNamedWithExpectedAndActualCounts() {
    Map<String, Map<String, Object>> steps = steps();
    ingested(steps, "transactions").putAll(Map.of("files", 1L, "rows_read", 2500L, "rows_written", 2488L, "rows_quarantined", 12L));

    assertThat(HealthChecks.failures(HealthChecks.verify(GENERATED, steps, DAY)))
        .containsExactly(
            "transactions files: expected 2, got 1",
            "transactions rows_read (generated lines less CSV headers): expected 5000, got 2500");
  }

  @Test
  void aFailedStepAndAMissingFigureAreNamed() {
    Map<String, Map<String, Object>> steps = steps();
    steps.get("quality").put("gate", "FAILED");
    steps.get("quality-curated").put("status", "QUALITY_GATE_FAILED");
    steps.get("quality-curated").put("gate", "FAILED");
    steps.remove("alb-status");

    assertThat(HealthChecks.failures(HealthChecks.verify(GENERATED, steps, DAY)))
        .containsExactly(
            "quality-curated status: expected SUCCEEDED, got QUALITY_GATE_FAILED",
            "alb-status status: expected SUCCEEDED, got not run",
            "quality gate: expected PASSED, got FAILED",
            "quality-curated gate: expected PASSED, got FAILED",
            "alb-status requests (alb_logs rows_written): expected 1465, got null",
            "alb-status daily_rows: expected more than 0, got null",
            "alb-status hourly_rows: expected more than 0, got null");
  }

  @Test
  void linesNeitherWrittenQuarantinedNorDuplicateAreAMismatch() {
    Map<String, Map<String, Object>> steps = steps();
    ingested(steps, "web_events").put("rows_duplicate", 0L);

    assertThat(HealthChecks.failures(HealthChecks.verify(GENERATED, steps, DAY)))
        .containsExactly("web_events rows_written + rows_quarantined + rows_duplicate: expected 30232, got 30098");
  }

  /** Step summaries, as the pipeline returns them, that match {@link #GENERATED}. */
  private static Map<String, Map<String, Object>> steps() {
    Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
    Map<String, Object> datasets = new LinkedHashMap<>();
    datasets.put("alb_logs", counts(576, 1469, 1465, 4, 0));
    datasets.put("transactions", counts(2, 5000, 4974, 26, 0));
    datasets.put("web_events", counts(4, 30232, 30036, 62, 134));
    steps.put("raw-to-processed", step("raw-to-processed", "datasets", datasets));
    Map<String, Object> scores = new LinkedHashMap<>();
    for (String d : List.of("alb_logs", "transactions", "web_events")) {
      scores.put(d, Map.of(DAY.toString(), 99.9));
    }
    steps.put("quality", step("quality", "scores", scores));
    steps.get("quality").put("gate", "PASSED");
    steps.put("processed-to-curated", step("processed-to-curated", "models_built", 2L));
    steps.get("processed-to-curated").put("models", Map.of("a", Map.of(), "b", Map.of()));
    steps.put("quality-curated", step("quality-curated", "gate", "PASSED"));
    steps.put("alb-status", step("alb-status", "requests", 1465L));
    steps.get("alb-status").putAll(Map.of("daily_rows", 41, "hourly_rows", 547));
    return steps;
  }

  private static Map<String, Object> step(String job, String key, Object value) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("job", job);
    s.put("status", "SUCCEEDED");
    s.put(key, value);
    return s;
  }

  private static Map<String, Object> counts(long files, long read, long written, long quarantined, long duplicate) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("files", files);
    c.put("rows_read", read);
    c.put("rows_written", written);
    c.put("rows_quarantined", quarantined);
    c.put("rows_duplicate", duplicate);
    return c;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> ingested(Map<String, Map<String, Object>> steps, String dataset) {
    return (Map<String, Object>) ((Map<String, Object>) steps.get("raw-to-processed").get("datasets")).get(dataset);
  }
}
