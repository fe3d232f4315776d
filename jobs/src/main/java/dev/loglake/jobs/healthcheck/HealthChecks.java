package dev.loglake.jobs.healthcheck;

import dev.loglake.jobs.sample.DatasetSummary;
import dev.loglake.jobs.sample.SampleDataSummary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the health check expects of a pipeline run over a generated day, from the generator's own
 * summary: every step succeeded; raw-to-processed read every record line and accounted for each
 * one as written, quarantined or duplicate (with the planted bad records quarantined); quality
 * scored every dataset's day and passed its gate; every curated model was built, and the curated
 * tables' gate passed; alb-status counted every ALB request written.
 */
final class HealthChecks {

  /** The pipeline's steps, in order. */
  static final List<String> STEPS =
      List.of("raw-to-processed", "quality", "processed-to-curated", "quality-curated", "alb-status");

  /** One expectation: what was checked, whether it held, and expected against actual. */
  record Check(String name, boolean ok, String detail) {
    @Override
    public String toString() {
      return name + ": " + detail;
    }
  }

  private HealthChecks() {}

  /** The checks of {@code steps} (each step's SUMMARY fields, by job) against {@code generated}. */
  static List<Check> verify(
      SampleDataSummary generated, Map<String, Map<String, Object>> steps, LocalDate date) {
    List<Check> out = new ArrayList<>();
    for (String step : STEPS) {
      Object status = steps.containsKey(step) ? steps.get(step).get("status") : "not run";
      out.add(same(step + " status", "SUCCEEDED", status));
    }
    Map<String, Object> ingested = child(steps.get("raw-to-processed"), "datasets");
    Map<String, Object> scores = child(steps.get("quality"), "scores");
    for (DatasetSummary d : generated.datasets()) {
      Map<String, Object> f = child(ingested, d.dataset());
      String n = d.dataset() + " ";
      out.add(equal(n + "files", d.files(), f.get("files")));
      out.add(equal(n + "rows_read (generated lines less CSV headers)", d.recordLines(), f.get("rows_read")));
      out.add(equal(n + "rows_written + rows_quarantined + rows_duplicate", f.get("rows_read"),
          sum(f.get("rows_written"), f.get("rows_quarantined"), f.get("rows_duplicate"))));
      out.add(positive(n + "rows_written", f.get("rows_written")));
      out.add(positive(n + "rows_quarantined (planted bad records)", f.get("rows_quarantined")));
      out.add(present(n + "quality score of " + date, child(scores, d.dataset()).get(date.toString())));
    }
    out.add(same("quality gate", "PASSED", field(steps, "quality", "gate")));
    out.add(same("quality-curated gate", "PASSED", field(steps, "quality-curated", "gate")));
    Map<String, Object> models = child(steps.get("processed-to-curated"), "models");
    out.add(positive("processed-to-curated models_built", field(steps, "processed-to-curated", "models_built")));
    out.add(equal("processed-to-curated models_built (every model)", (long) models.size(),
        field(steps, "processed-to-curated", "models_built")));
    Object albWritten = child(ingested, "alb_logs").get("rows_written");
    out.add(equal("alb-status requests (alb_logs rows_written)", albWritten, field(steps, "alb-status", "requests")));
    out.add(positive("alb-status daily_rows", field(steps, "alb-status", "daily_rows")));
    out.add(positive("alb-status hourly_rows", field(steps, "alb-status", "hourly_rows")));
    return out;
  }

  private static Check equal(String name, Object expected, Object actual) {
    boolean ok = expected instanceof Number e && actual instanceof Number a && e.longValue() == a.longValue();
    return new Check(name, ok, "expected " + expected + ", got " + actual);
  }

  private static Check same(String name, String expected, Object actual) {
    return new Check(name, expected.equals(actual), "expected " + expected + ", got " + actual);
  }

  private static Check positive(String name, Object actual) {
    boolean ok = actual instanceof Number a && a.doubleValue() > 0;
    return new Check(name, ok, "expected more than 0, got " + actual);
  }

  private static Check present(String name, Object actual) {
    return new Check(name, actual != null, "expected a value, got " + actual);
  }

  private static Object sum(Object... values) {
    long total = 0;
    for (Object v : values) {
      if (!(v instanceof Number n)) {
        return null;
      }
      total += n.longValue();
    }
    return total;
  }

  private static Object field(Map<String, Map<String, Object>> steps, String step, String key) {
    return steps.containsKey(step) ? steps.get(step).get(key) : null;
  }

  /** {@code parent.key} as a map; empty when missing, so a missing figure fails its check by name. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent == null ? null : parent.get(key);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
  }

  /** The checks that failed, as "name: expected x, got y". */
  static List<String> failures(List<Check> checks) {
    return checks.stream().filter(c -> !c.ok()).map(Objects::toString).toList();
  }
}
