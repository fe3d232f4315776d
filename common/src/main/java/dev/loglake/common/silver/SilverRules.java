package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.loglake.common.dataset.ValidationRule;
import org.apache.spark.sql.Column;

/** Validation rules as Spark conditions. Only not-null fails a null value. */
final class SilverRules {

  private SilverRules() {}

  /** True where the row breaks {@code rule}. */
  static Column violated(ValidationRule rule) {
    Column v = col(rule.column());
    if (rule instanceof ValidationRule.AllowedValues r) {
      return v.isNotNull().and(not(v.cast("string").isin(r.values().toArray())));
    }
    if (rule instanceof ValidationRule.Range r) {
      return v.isNotNull().and(outside(v, r));
    }
    if (rule instanceof ValidationRule.Regex r) {
      return v.isNotNull().and(not(v.cast("string").rlike("^(?:" + r.pattern() + ")$")));
    }
    return v.isNull();
  }

  private static Column outside(Column v, ValidationRule.Range r) {
    Column out = lit(false);
    if (r.min() != null) {
      out = out.or(v.cast("double").lt(r.min()));
    }
    if (r.max() != null) {
      out = out.or(v.cast("double").gt(r.max()));
    }
    return out;
  }
}
