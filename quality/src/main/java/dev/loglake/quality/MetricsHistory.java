package dev.loglake.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.Anomaly;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.OnlineNormalStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.AnalysisResult;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.fs.FileSystemMetricsRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.util.Try;

/**
 * A dataset's metrics history in a Deequ {@link FileSystemMetricsRepository} (one JSON file, written
 * through the Hadoop FileSystem, so {@code s3a://} works), keyed by partition date, and the anomaly
 * checks that compare a partition's metric with the partitions before it.
 */
final class MetricsHistory {

  /** Points of history OnlineNormalStrategy needs before it judges (a mean and a deviation). */
  static final int MEAN_SHIFT_MIN_HISTORY = 3;

  private final FileSystemMetricsRepository repository;
  private final scala.collection.immutable.Map<String, String> tags;

  MetricsHistory(SparkSession spark, String path, String dataset) {
    this.repository = new FileSystemMetricsRepository(spark, path);
    this.tags = new scala.collection.immutable.Map.Map1<>("dataset", dataset);
  }

  /** The metric of {@code analyzer} of every partition before {@code dateMillis}, oldest first. */
  List<Double> before(Analyzer<?, Metric<?>> analyzer, long dateMillis) {
    scala.collection.Seq<AnalysisResult> results = repository.load().withTagValues(tags)
        .forAnalyzers(DeequAnalyzers.seq(List.of(analyzer))).before(dateMillis - 1).get();
    List<AnalysisResult> sorted = new ArrayList<>(JavaConverters.seqAsJavaList(results));
    sorted.sort(Comparator.comparingLong(r -> r.resultKey().dataSetDate()));
    List<Double> out = new ArrayList<>();
    for (AnalysisResult r : sorted) {
      Try<Double> v = DeequAnalyzers.value(r.analyzerContext(), analyzer);
      if (v.isSuccess()) {
        out.add(v.get());
      }
    }
    return out;
  }

  /** Replaces the partition's kept metrics (a rerun of a partition leaves one entry). */
  void save(long dateMillis, AnalyzerContext context) {
    scala.collection.immutable.Map<Analyzer<?, Metric<?>>, Metric<?>> kept =
        context.metricMap().filterKeys(k -> DeequAnalyzers.kept(k));
    repository.save(new ResultKey(dateMillis, tags), new AnalyzerContext(kept));
  }

  /** The anomaly check {@code rule} on {@code current} after {@code history}. */
  static RuleResult detect(QualityRule rule, String metric, double current, List<Double> history) {
    double shown = rule.kind() == QualityRule.Kind.NULL_RATE_CHANGE ? 1 - current : current;
    int needed = rule.kind() == QualityRule.Kind.MEAN_SHIFT ? MEAN_SHIFT_MIN_HISTORY : 1;
    if (history.size() < needed) {
      return RuleResult.skipped(rule, metric, shown,
          "history has " + history.size() + " earlier partition(s), " + needed + " needed");
    }
    List<Object> series = new ArrayList<>(history);
    series.add(current);
    scala.collection.immutable.Vector<Object> vector = JavaConverters.asScalaBufferConverter(series).asScala().toVector();
    int n = series.size();
    List<Tuple2<Object, Anomaly>> anomalies = JavaConverters.seqAsJavaList(
        strategy(rule).detect(vector, new Tuple2<Object, Object>(n - 1, n)));
    if (anomalies.isEmpty()) {
      return RuleResult.ofCheck(rule, metric, shown, true, "");
    }
    Option<String> detail = anomalies.get(0)._2().detail();
    double previous = history.get(history.size() - 1);
    String text = String.format(java.util.Locale.ROOT, "anomaly: %s = %s after %s (%s)", metric, fmt(shown),
        fmt(rule.kind() == QualityRule.Kind.NULL_RATE_CHANGE ? 1 - previous : previous), detail.isDefined() ? detail.get() : "");
    return RuleResult.ofCheck(rule, metric, shown, false, text);
  }

  private static AnomalyDetectionStrategy strategy(QualityRule rule) {
    return switch (rule.kind()) {
      case ROW_COUNT_CHANGE -> new RelativeRateOfChangeStrategy(opt(rule.lower()), opt(rule.upper()), 1);
      case NULL_RATE_CHANGE -> new AbsoluteChangeStrategy(opt(-rule.upper()), opt(rule.upper()), 1);
      case MEAN_SHIFT -> new OnlineNormalStrategy(opt(rule.upper()), opt(rule.upper()), 0.0, true);
      default -> throw new IllegalArgumentException(rule.kind() + " is not an anomaly check");
    };
  }

  private static Option<Object> opt(Double d) {
    return d == null ? Option.empty() : Option.apply(d);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.format(java.util.Locale.ROOT, "%.4f", d);
  }
}
