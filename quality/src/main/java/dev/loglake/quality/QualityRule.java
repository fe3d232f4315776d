package dev.loglake.quality;

import java.util.List;

/**
 * One quality rule of a dataset, as parsed from its {@code quality = [...]} config by {@link
 * QualityRules}. Which of the optional fields a rule uses depends on its {@link Kind}.
 *
 * @param name the rule as written, whitespace-normalised (e.g. {@code completeness(user_id) >= 0.7});
 *     it names the rule in results, reports and the gate's summary
 * @param kind what the rule checks
 * @param columns the columns it reads (empty for row-count rules and custom-sql)
 * @param values the allowed values of {@code contained-in}
 * @param lower a lower bound: min of {@code between} and {@code row-count}, the smallest allowed ratio of
 *     {@code row-count-change}; null when absent
 * @param upper an upper bound: max of {@code between} and {@code row-count}, the largest allowed ratio of
 *     {@code row-count-change}, the largest absolute change of {@code null-rate-change}, the deviation
 *     factor of {@code mean-shift}, the maximum age in seconds of {@code freshness}; null when absent
 * @param text the regex of {@code matches} or the SQL predicate of {@code custom-sql}; null otherwise
 * @param threshold the share of rows (0-1) that must satisfy a row-level rule for it to pass
 * @param level error (fails the gate) or warning
 * @param weight the rule's weight in the partition's score (> 0)
 */
public record QualityRule(
    String name,
    Kind kind,
    List<String> columns,
    List<String> values,
    Double lower,
    Double upper,
    String text,
    double threshold,
    Level level,
    double weight) {

  /** What a rule checks. Row-level kinds have a compliance fraction; the others pass or fail. */
  public enum Kind {
    COMPLETENESS(true),
    UNIQUE(true),
    CONTAINED_IN(true),
    BETWEEN(true),
    NON_NEGATIVE(true),
    MATCHES(true),
    CUSTOM_SQL(true),
    ROW_COUNT(false),
    FRESHNESS(false),
    QUARANTINE_SHARE(true),
    ROW_COUNT_CHANGE(false),
    NULL_RATE_CHANGE(false),
    MEAN_SHIFT(false);

    private final boolean rowLevel;

    Kind(boolean rowLevel) {
      this.rowLevel = rowLevel;
    }

    /** True when compliance is a share of rows, false when the rule simply passes (1) or fails (0). */
    public boolean rowLevel() {
      return rowLevel;
    }

    /** True for the anomaly checks, which compare with the metrics history. */
    public boolean anomaly() {
      return this == ROW_COUNT_CHANGE || this == NULL_RATE_CHANGE || this == MEAN_SHIFT;
    }
  }

  /** How bad a failure is: an error fails the gate with {@code fail-on = error}. */
  public enum Level {
    ERROR,
    WARNING;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public QualityRule {
    columns = List.copyOf(columns);
    values = List.copyOf(values);
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight of rule " + name + " must be > 0, not " + weight);
    }
    if (threshold < 0 || threshold > 1) {
      throw new IllegalArgumentException("threshold of rule " + name + " must be within 0..1, not " + threshold);
    }
  }

  /** The first column, for single-column rules. */
  public String column() {
    return columns.get(0);
  }

  /**
   * The built-in rule on the share of the partition's input that raw-to-processed quarantined: it
   * passes when at least {@code 1 - maxShare} of the input was clean.
   */
  public static QualityRule quarantineShare(double maxShare, Level level, double weight) {
    return new QualityRule("quarantine-share <= " + maxShare, Kind.QUARANTINE_SHARE, List.of(), List.of(),
        null, maxShare, null, 1 - maxShare, level, weight);
  }
}
