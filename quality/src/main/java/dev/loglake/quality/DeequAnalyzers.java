package dev.loglake.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import java.util.List;
import java.util.stream.Collectors;
import scala.Option;
import scala.collection.JavaConverters;
import scala.util.Try;

/**
 * The Scala side of the facade: which Deequ analyzer computes each rule's metric, and reading metric
 * values back. Every Deequ type stays in this package.
 */
final class DeequAnalyzers {

  /** Prefix of the helper columns freshness rules add (seconds since the epoch of a timestamp). */
  static final String EPOCH_PREFIX = "__loglake_epoch_";

  private DeequAnalyzers() {}

  /** The analyzer behind {@code rule}; for anomaly rules, the analyzer whose history is compared. */
  static Analyzer<?, Metric<?>> forRule(QualityRule rule) {
    return switch (rule.kind()) {
      case COMPLETENESS -> completeness(rule.column());
      case UNIQUE -> widen(new Uniqueness(seq(rule.columns()), Option.empty(), Option.empty()));
      case CONTAINED_IN, BETWEEN, NON_NEGATIVE, MATCHES, CUSTOM_SQL -> compliance(rule.name(), predicate(rule));
      case ROW_COUNT, ROW_COUNT_CHANGE -> size();
      case FRESHNESS -> widen(new Maximum(EPOCH_PREFIX + rule.column(), Option.empty(), Option.empty()));
      case NULL_RATE_CHANGE -> completeness(rule.column());
      case MEAN_SHIFT -> widen(new Mean(rule.column(), Option.empty()));
      case QUARANTINE_SHARE -> throw new IllegalArgumentException("quarantine-share is computed from _runs");
    };
  }

  static Analyzer<?, Metric<?>> size() {
    return widen(new Size(Option.empty()));
  }

  static Analyzer<?, Metric<?>> completeness(String column) {
    return widen(new Completeness(column, Option.empty(), Option.empty()));
  }

  /** Analyzers whose metrics are kept in the history (anomaly checks and trends). */
  static boolean kept(Analyzer<?, ?> analyzer) {
    return analyzer instanceof Size || analyzer instanceof Completeness || analyzer instanceof Mean;
  }

  /** A short name of the metric, e.g. {@code Completeness(user_id)}. */
  static String metricName(QualityRule rule) {
    return switch (rule.kind()) {
      case COMPLETENESS, NULL_RATE_CHANGE -> "Completeness(" + rule.column() + ")";
      case UNIQUE -> "Uniqueness(" + String.join(",", rule.columns()) + ")";
      case CONTAINED_IN, BETWEEN, NON_NEGATIVE, MATCHES, CUSTOM_SQL -> "Compliance";
      case ROW_COUNT, ROW_COUNT_CHANGE -> "Size";
      case FRESHNESS -> "FreshnessLagSeconds(" + rule.column() + ")";
      case MEAN_SHIFT -> "Mean(" + rule.column() + ")";
      case QUARANTINE_SHARE -> "CleanInputShare";
    };
  }

  /** The SQL predicate a row must satisfy; nulls comply (except in custom-sql). */
  static String predicate(QualityRule rule) {
    if (rule.kind() == QualityRule.Kind.CUSTOM_SQL) {
      return "(" + rule.text() + ")";
    }
    String c = "`" + rule.column().replace("`", "``") + "`";
    String check = switch (rule.kind()) {
      case CONTAINED_IN -> c + " IN (" + rule.values().stream().map(DeequAnalyzers::literal).collect(Collectors.joining(", ")) + ")";
      case BETWEEN -> c + " >= " + rule.lower() + " AND " + c + " <= " + rule.upper();
      case NON_NEGATIVE -> c + " >= 0";
      case MATCHES -> "CAST(" + c + " AS STRING) RLIKE " + literal("^(?:" + rule.text() + ")$");
      default -> throw new IllegalArgumentException(rule.kind() + " has no row predicate");
    };
    return c + " IS NULL OR (" + check + ")";
  }

  /** The value of {@code analyzer}'s metric in {@code context}, or a failure message. */
  static Try<Double> value(AnalyzerContext context, Analyzer<?, Metric<?>> analyzer) {
    Option<Metric<?>> metric = context.metric(analyzer);
    if (metric.isEmpty()) {
      return new scala.util.Failure<>(new IllegalStateException("no metric computed"));
    }
    Try<?> value = metric.get().value();
    if (value.isFailure()) {
      return new scala.util.Failure<>(value.failed().get());
    }
    return new scala.util.Success<>(((Number) value.get()).doubleValue());
  }

  static <T> scala.collection.Seq<T> seq(List<T> list) {
    return JavaConverters.asScalaBufferConverter(list).asScala().toSeq();
  }

  private static Analyzer<?, Metric<?>> compliance(String instance, String predicate) {
    return widen(new Compliance(instance, predicate, Option.empty(), Compliance.apply$default$4(), Option.empty()));
  }

  /** A SQL string literal (Spark SQL reads backslash escapes in literals, so double them). */
  private static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Analyzer's covariant metric type parameter, which javac cannot see: widen through the raw type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Analyzer<?, Metric<?>> widen(Analyzer analyzer) {
    return analyzer;
  }
}
