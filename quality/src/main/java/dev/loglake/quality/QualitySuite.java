package dev.loglake.quality;

import static org.apache.spark.sql.functions.col;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.metrics.Metric;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.util.Try;

/**
 * Runs a dataset partition's rules with Deequ (one {@link AnalysisRunner} pass for all of them) and
 * turns the metrics into {@link RuleResult}s. The only entry point to Deequ for callers outside this
 * package.
 */
public final class QualitySuite {

  /**
   * What is being checked.
   *
   * @param dataset the dataset name (tags the metrics history)
   * @param partition the event date of the partition; null for a whole table
   * @param now the run's clock: freshness is measured against min(now, the end of the partition's day)
   * @param historyPath the metrics repository file of this dataset; null = no history (anomaly checks
   *     are skipped and nothing is saved). The metrics of a partition without rows are never saved.
   */
  public record Scope(String dataset, LocalDate partition, Instant now, String historyPath) {}

  /**
   * What {@link #check} found.
   *
   * @param rows the rows checked (Deequ's Size; 0 when it could not be computed)
   * @param results every rule's result, in rule order
   */
  public record Checked(long rows, List<RuleResult> results) {
    public Checked {
      results = List.copyOf(results);
    }
  }

  private QualitySuite() {}

  /** Every rule's result on {@code data} and its row count. {@code data} should be small or cached. */
  public static Checked check(Dataset<Row> data, List<QualityRule> rules, Scope scope) {
    Dataset<Row> input = withEpochColumns(data, rules);
    Set<Analyzer<?, Metric<?>>> analyzers = new LinkedHashSet<>();
    analyzers.add(DeequAnalyzers.size());
    for (QualityRule rule : rules) {
      analyzers.add(DeequAnalyzers.forRule(rule));
    }
    AnalyzerContext context =
        AnalysisRunner.onData(input).addAnalyzers(DeequAnalyzers.seq(new ArrayList<>(analyzers))).run();
    Try<Double> size = DeequAnalyzers.value(context, DeequAnalyzers.size());
    boolean empty = size.isSuccess() && size.get() == 0;
    MetricsHistory history = scope.historyPath() == null ? null
        : new MetricsHistory(data.sparkSession(), scope.historyPath(), scope.dataset());
    long dateMillis = scope.partition() == null ? scope.now().toEpochMilli() : epochMillis(scope.partition());
    List<RuleResult> out = new ArrayList<>();
    for (QualityRule rule : rules) {
      out.add(result(rule, context, empty, history, dateMillis, scope));
    }
    // A partition without rows has not been built: its metrics (Size 0) would make the next built
    // partition an anomaly ("Size = 32 after 0").
    if (history != null && size.isSuccess() && !empty) {
      history.save(dateMillis, context);
    }
    return new Checked(size.isSuccess() ? size.get().longValue() : 0L, out);
  }

  /** The built-in rule on the share of a partition's input that raw-to-processed quarantined. */
  public static RuleResult quarantineShare(QualityRule rule, long rowsRead, long rowsQuarantined) {
    String metric = DeequAnalyzers.metricName(rule);
    if (rowsRead <= 0) {
      return RuleResult.skipped(rule, metric, null, "no raw-to-processed run recorded for this partition");
    }
    RuleResult r = RuleResult.ofShare(rule, metric, 1.0 - (double) rowsQuarantined / rowsRead);
    String detail = r.status() == RuleResult.Status.PASS ? "" : String.format(Locale.ROOT,
        "%d of %d input rows quarantined (%.4f > %s)", rowsQuarantined, rowsRead, (double) rowsQuarantined / rowsRead, rule.upper());
    return new RuleResult(rule, metric, r.value(), r.compliance(), r.status(), detail);
  }

  private static RuleResult result(QualityRule rule, AnalyzerContext context, boolean empty, MetricsHistory history,
      long dateMillis, Scope scope) {
    String metric = DeequAnalyzers.metricName(rule);
    Analyzer<?, Metric<?>> analyzer = DeequAnalyzers.forRule(rule);
    Try<Double> value = DeequAnalyzers.value(context, analyzer);
    if (rule.kind() == QualityRule.Kind.ROW_COUNT) {
      return rowCount(rule, metric, value);
    }
    if (empty) {
      return RuleResult.skipped(rule, metric, null, "no rows");
    }
    if (value.isFailure()) {
      return RuleResult.error(rule, metric, String.valueOf(value.failed().get().getMessage()));
    }
    double v = value.get();
    if (rule.kind().anomaly()) {
      return history == null ? RuleResult.skipped(rule, metric, v, "no metrics history configured")
          : MetricsHistory.detect(rule, metric, v, history.before(analyzer, dateMillis));
    }
    if (rule.kind() == QualityRule.Kind.FRESHNESS) {
      return freshness(rule, metric, v, scope);
    }
    return RuleResult.ofShare(rule, metric, v);
  }

  private static RuleResult rowCount(QualityRule rule, String metric, Try<Double> value) {
    if (value.isFailure()) {
      return RuleResult.error(rule, metric, String.valueOf(value.failed().get().getMessage()));
    }
    double n = value.get();
    boolean pass = (rule.lower() == null || n >= rule.lower()) && (rule.upper() == null || n <= rule.upper());
    return RuleResult.ofCheck(rule, metric, n, pass, String.format(Locale.ROOT, "%d rows, expected %s",
        (long) n, rule.upper() == null ? "at least " + rule.lower().longValue()
            : "between " + rule.lower().longValue() + " and " + rule.upper().longValue()));
  }

  private static RuleResult freshness(QualityRule rule, String metric, double newestEpochSeconds, Scope scope) {
    Instant reference = scope.now();
    if (scope.partition() != null) {
      Instant endOfDay = scope.partition().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      reference = reference.isBefore(endOfDay) ? reference : endOfDay;
    }
    double lag = reference.getEpochSecond() - newestEpochSeconds;
    boolean pass = lag < rule.upper();
    return RuleResult.ofCheck(rule, metric, lag, pass, String.format(Locale.ROOT,
        "newest %s is %s old at %s, limit %s", rule.column(), java.time.Duration.ofSeconds((long) lag),
        reference, java.time.Duration.ofSeconds(rule.upper().longValue())));
  }

  private static Dataset<Row> withEpochColumns(Dataset<Row> data, List<QualityRule> rules) {
    Dataset<Row> out = data;
    for (QualityRule rule : rules) {
      String name = DeequAnalyzers.EPOCH_PREFIX + (rule.columns().isEmpty() ? "" : rule.column());
      if (rule.kind() == QualityRule.Kind.FRESHNESS && !List.of(out.columns()).contains(name)) {
        out = out.withColumn(name, col(rule.column()).cast("timestamp").cast("double"));
      }
    }
    return out;
  }

  private static long epochMillis(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
