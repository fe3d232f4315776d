package dev.loglake.jobs.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loglake.quality.QualityReport;
import dev.loglake.quality.RuleResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one quality run found, as the per-run JSON report (and the input of the HTML one).
 *
 * @param reports per dataset (or {@code curated.<table>}), its partitions' reports in date order
 * @param trends per dataset, the latest score of its last days: [date, score] oldest first
 * @param gate PASSED or FAILED under {@code failOn}
 */
record QualityRunReport(
    String runId,
    Instant generatedAt,
    String failOn,
    String gate,
    Map<String, List<QualityReport>> reports,
    Map<String, List<Object[]>> trends) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report as a JSON document. */
  String toJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("run_id", runId);
    doc.put("job", "quality");
    doc.put("generated_at", generatedAt.toString());
    doc.put("fail_on", failOn);
    doc.put("gate", gate);
    List<Object> datasets = new ArrayList<>();
    reports.forEach((dataset, partitions) -> {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("dataset", dataset);
      d.put("partitions", partitions.stream().map(QualityRunReport::partition).toList());
      d.put("trend", trends.getOrDefault(dataset, List.of()).stream()
          .map(QualityRunReport::point).toList());
      datasets.add(d);
    });
    doc.put("datasets", datasets);
    doc.put("anomalies", anomalies());
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the quality report", e);
    }
  }

  /** Every failed anomaly check: dataset, date, rule, detail. */
  List<Map<String, Object>> anomalies() {
    List<Map<String, Object>> out = new ArrayList<>();
    reports.forEach((dataset, partitions) -> partitions.forEach(p -> p.anomalies().forEach(a -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dataset", dataset);
      m.put("date", p.partition());
      m.put("rule", a.rule().name());
      m.put("level", a.rule().level().label());
      m.put("value", a.value());
      m.put("detail", a.detail());
      out.add(m);
    })));
    return out;
  }

  private static Map<String, Object> point(Object[] p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", String.valueOf(p[0]));
    m.put("score", p[1]);
    return m;
  }

  private static Map<String, Object> partition(QualityReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", r.partition());
    m.put("rows", r.rows());
    m.put("score", r.score());
    m.put("status", r.status().name());
    m.put("failed_rules", r.failedRules());
    m.put("rules", r.results().stream().map(QualityRunReport::rule).toList());
    return m;
  }

  private static Map<String, Object> rule(RuleResult x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", x.rule().name());
    m.put("kind", x.rule().kind().name());
    m.put("level", x.rule().level().label());
    m.put("weight", x.rule().weight());
    m.put("metric", x.metric());
    m.put("value", x.value());
    m.put("compliance", x.compliance());
    m.put("status", x.status().name());
    m.put("detail", x.detail());
    return m;
  }
}
