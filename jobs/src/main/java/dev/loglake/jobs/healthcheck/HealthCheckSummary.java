package dev.loglake.jobs.healthcheck;

import dev.loglake.jobs.sample.DatasetSummary;
import dev.loglake.jobs.sample.SampleDataSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** health-check's SUMMARY figures after a passing run. */
final class HealthCheckSummary {

  private static final List<String> COUNTS =
      List.of("rows_read", "rows_written", "rows_quarantined", "rows_duplicate");

  private HealthCheckSummary() {}

  /**
   * sample {date, seed, alb_mb}, generated_files, generated_lines, checks_passed, datasets {dataset:
   * {generated_lines, rows_read, rows_written, rows_quarantined, rows_duplicate}}, steps [{job,
   * status, duration_s}], alb_requests, models_built, quality_gate, and scratch {zone: prefix}.
   */
  static Map<String, Object> figures(
      HealthCheckConfig config,
      SampleDataSummary generated,
      Map<String, Map<String, Object>> steps,
      int checks) {
    Map<String, Object> f = new LinkedHashMap<>();
    Map<String, Object> sample = new LinkedHashMap<>();
    sample.put("date", config.date().toString());
    sample.put("seed", config.seed());
    sample.put("alb_mb", config.albMb());
    f.put("sample", sample);
    f.put("generated_files", generated.totalFiles());
    f.put("generated_lines", generated.totalLines());
    f.put("checks_passed", checks);
    f.put("datasets", datasets(generated, (Map<?, ?>) steps.get("raw-to-processed").get("datasets")));
    f.put("steps", timings(steps));
    f.put("alb_requests", steps.get("alb-status").get("requests"));
    f.put("models_built", steps.get("processed-to-curated").get("models_built"));
    f.put("quality_gate", steps.get("quality").get("gate"));
    f.put("scratch", config.scratch().asMap());
    return f;
  }

  private static Map<String, Object> datasets(SampleDataSummary generated, Map<?, ?> ingested) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (DatasetSummary d : generated.datasets()) {
      Map<String, Object> ds = new LinkedHashMap<>();
      ds.put("generated_lines", d.lines());
      Map<?, ?> counts = (Map<?, ?>) ingested.get(d.dataset());
      COUNTS.forEach(key -> ds.put(key, counts.get(key)));
      out.put(d.dataset(), ds);
    }
    return out;
  }

  /** Each step's status and time, in the pipeline's order. */
  private static List<Map<String, Object>> timings(Map<String, Map<String, Object>> steps) {
    List<Map<String, Object>> out = new ArrayList<>();
    steps.forEach(
        (job, s) -> {
          Map<String, Object> t = new LinkedHashMap<>();
          t.put("job", job);
          t.put("status", s.get("status"));
          t.put("duration_s", s.get("duration_s"));
          out.add(t);
        });
    return out;
  }
}
