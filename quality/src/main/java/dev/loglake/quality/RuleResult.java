package dev.loglake.quality;

/**
 * The outcome of one rule on one partition.
 *
 * @param rule the rule
 * @param metric the Deequ metric behind it, e.g. {@code Completeness(user_id)} or {@code Size}
 * @param value the metric's value (a share of rows, a count, an age in seconds ...); null when it could
 *     not be computed
 * @param compliance 0-1: for row-level rules the share of compliant rows relative to the required share,
 *     capped at 1 ({@code min(1, value / threshold)}); for the others 1 (pass) or 0 (fail)
 * @param status PASS, FAIL, ERROR (the metric could not be computed; counts as a failure) or SKIPPED
 *     (nothing to judge: no rows, no history; left out of the score)
 * @param detail why it failed or was skipped, empty when it passed
 */
public record RuleResult(QualityRule rule, String metric, Double value, double compliance, Status status, String detail) {

  /** A rule's verdict. */
  public enum Status {
    PASS,
    FAIL,
    ERROR,
    SKIPPED
  }

  /** True for FAIL and ERROR. */
  public boolean failed() {
    return status == Status.FAIL || status == Status.ERROR;
  }

  /** A row-level result: compliant share {@code value} against the rule's threshold. */
  static RuleResult ofShare(QualityRule rule, String metric, double value) {
    double compliance = rule.threshold() <= 0 ? 1.0 : Math.min(1.0, value / rule.threshold());
    boolean pass = value >= rule.threshold() - 1e-12;
    return new RuleResult(rule, metric, value, compliance, pass ? Status.PASS : Status.FAIL,
        pass ? "" : String.format(java.util.Locale.ROOT, "%.4f of rows comply, %.4f required", value, rule.threshold()));
  }

  /** A pass/fail result. */
  static RuleResult ofCheck(QualityRule rule, String metric, Double value, boolean pass, String detail) {
    return new RuleResult(rule, metric, value, pass ? 1.0 : 0.0, pass ? Status.PASS : Status.FAIL, pass ? "" : detail);
  }

  static RuleResult error(QualityRule rule, String metric, String detail) {
    return new RuleResult(rule, metric, null, 0.0, Status.ERROR, detail);
  }

  static RuleResult skipped(QualityRule rule, String metric, Double value, String detail) {
    return new RuleResult(rule, metric, value, 1.0, Status.SKIPPED, detail);
  }
}
