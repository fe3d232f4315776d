package dev.loglake.quality;

import java.util.List;

/**
 * The quality of one dataset partition: every rule's result and the 0-100 score.
 *
 * <p>score = 100 × Σ(weight × compliance) / Σ weight over the rules not SKIPPED, rounded to two
 * decimals; 100 when every rule was skipped. status is FAIL when an error-level rule failed, WARN when
 * only warning-level rules failed, else PASS.
 *
 * @param dataset the dataset name
 * @param partition the event date (YYYY-MM-DD) or {@code *} for a whole table
 * @param rows the rows of the partition the rules were checked on (0 when there was no table to read)
 */
public record QualityReport(String dataset, String partition, long rows, List<RuleResult> results, double score,
    Status status) {

  /** A partition's overall verdict. */
  public enum Status {
    PASS,
    WARN,
    FAIL
  }

  public QualityReport {
    results = List.copyOf(results);
  }

  /** Scores {@code results}, the rules' results on {@code rows} rows. */
  public static QualityReport of(String dataset, String partition, long rows, List<RuleResult> results) {
    double weights = 0;
    double weighted = 0;
    for (RuleResult r : results) {
      if (r.status() != RuleResult.Status.SKIPPED) {
        weights += r.rule().weight();
        weighted += r.rule().weight() * r.compliance();
      }
    }
    double score = weights == 0 ? 100.0 : Math.round(10_000.0 * weighted / weights) / 100.0;
    return new QualityReport(dataset, partition, rows, results, score, statusOf(results));
  }

  /** The failed rules, by name. */
  public List<String> failedRules() {
    return failed().stream().map(r -> r.rule().name()).toList();
  }

  /** The failed results (FAIL or ERROR). */
  public List<RuleResult> failed() {
    return results.stream().filter(RuleResult::failed).toList();
  }

  /** The anomaly-check results. */
  public List<RuleResult> anomalies() {
    return results.stream().filter(r -> r.rule().kind().anomaly() && r.failed()).toList();
  }

  private static Status statusOf(List<RuleResult> results) {
    boolean error = results.stream().anyMatch(r -> r.failed() && r.rule().level() == QualityRule.Level.ERROR);
    boolean warning = results.stream().anyMatch(RuleResult::failed);
    return error ? Status.FAIL : warning ? Status.WARN : Status.PASS;
  }
}
