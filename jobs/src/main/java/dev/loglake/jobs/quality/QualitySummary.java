package dev.loglake.jobs.quality;

import dev.loglake.quality.QualityReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The quality job's SUMMARY figures. */
final class QualitySummary {

  private QualitySummary() {}

  /**
   * datasets (processed datasets and curated tables checked), partitions_checked, rows_read (the rows
   * scored), scores {dataset: {date: score}}, failed_rules {dataset: {date: [rules]}} (only partitions
   * with failures), rules_failed, anomalies, gate, the per-dataset verdict ({@link
   * QualityVerdict#figures()}), checked_tables {dataset: processed.table or curated.table} and
   * quarantine_share {dataset: share of the input rows quarantined} (the CloudWatch metrics
   * quality_score and quarantine_share read both with scores), report_json, report_html, and when
   * there are any, skipped {curated.table: reason} and profiles.
   */
  static Map<String, Object> figures(Map<String, List<QualityReport>> reports, QualityReportFiles.Written files,
      QualityChecks checks, QualityVerdict verdict) {
    List<String> profiles = checks.profiles();
    Map<String, String> skipped = checks.skipped();
    Map<String, Object> scores = new LinkedHashMap<>();
    Map<String, Object> failed = new LinkedHashMap<>();
    int partitions = 0;
    int rulesFailed = 0;
    long rows = 0;
    for (Map.Entry<String, List<QualityReport>> e : reports.entrySet()) {
      Map<String, Object> byDate = new LinkedHashMap<>();
      Map<String, Object> failedByDate = new LinkedHashMap<>();
      for (QualityReport r : e.getValue()) {
        byDate.put(r.partition(), r.score());
        if (!r.failedRules().isEmpty()) {
          failedByDate.put(r.partition(), r.failedRules());
        }
        rulesFailed += r.failedRules().size();
        rows += r.rows();
        partitions++;
      }
      scores.put(e.getKey(), byDate);
      if (!failedByDate.isEmpty()) {
        failed.put(e.getKey(), failedByDate);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("datasets", reports.size());
    out.put("partitions_checked", partitions);
    out.put("rows_read", rows);
    out.put("scores", scores);
    out.put("failed_rules", failed);
    out.put("rules_failed", rulesFailed);
    out.put("anomalies", files.report().anomalies().size());
    out.put("gate", files.report().gate());
    out.putAll(verdict.figures());
    Map<String, Object> tables = new LinkedHashMap<>();
    reports.keySet().forEach(name -> tables.put(name, checks.tables().get(name)));
    out.put("checked_tables", tables);
    out.put("quarantine_share", new LinkedHashMap<>(checks.quarantineShares()));
    out.put("report_json", files.json());
    out.put("report_html", files.html());
    if (!skipped.isEmpty()) {
      out.put("skipped", skipped);
    }
    if (!profiles.isEmpty()) {
      out.put("profiles", profiles);
    }
    return out;
  }
}
