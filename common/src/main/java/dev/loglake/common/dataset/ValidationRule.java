package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A row-level rule; a row that breaks one is quarantined with the rule's {@link #reason()}. */
public sealed interface ValidationRule {

  String column();

  /** The quarantine reason for a row that breaks this rule, e.g. {@code rule:range:status}. */
  String reason();

  /** The value must be present. */
  record NotNull(String column) implements ValidationRule {
    @Override
    public String reason() {
      return "rule:not-null:" + column;
    }
  }

  /** A present value must be one of {@code values}. */
  record AllowedValues(String column, List<String> values) implements ValidationRule {
    public AllowedValues {
      values = List.copyOf(values);
    }

    @Override
    public String reason() {
      return "rule:allowed-values:" + column;
    }
  }

  /** A present value must be within [min, max]; either bound may be absent. */
  record Range(String column, Double min, Double max) implements ValidationRule {
    @Override
    public String reason() {
      return "rule:range:" + column;
    }
  }

  /** A present value must match {@code pattern} (whole value). */
  record Regex(String column, String pattern) implements ValidationRule {
    @Override
    public String reason() {
      return "rule:regex:" + column;
    }
  }

  static ValidationRule from(Config c, String where) {
    String rule = Configs.requireString(c, "rule", "Each validation rule in " + where + " names its rule.");
    String column = Configs.requireString(c, "column", "Validation rule " + rule + " in " + where + " needs a column.");
    return switch (rule) {
      case "not-null" -> new NotNull(column);
      case "allowed-values" -> new AllowedValues(column, c.getStringList("values"));
      case "range" -> new Range(
          column,
          c.hasPath("min") ? Configs.doubleValue(c, "min") : null,
          c.hasPath("max") ? Configs.doubleValue(c, "max") : null);
      case "regex" -> new Regex(column, checkedPattern(c, where));
      default -> throw EtlErrors.badValue(
          where + ".validation.rule", rule, "not-null, allowed-values, range or regex");
    };
  }

  private static String checkedPattern(Config c, String where) {
    String pattern = Configs.requireString(c, "pattern", "A regex rule in " + where + " needs a pattern.");
    try {
      Pattern.compile(pattern);
      return pattern;
    } catch (PatternSyntaxException e) {
      throw EtlErrors.badValue(where + ".validation.pattern", pattern, "a valid Java regex (" + e.getDescription() + ")");
    }
  }
}
