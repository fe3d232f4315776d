package dev.loglake.quality;

import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Anomaly checks against the Deequ metrics history of earlier partitions. */
@ExtendWith(SparkTestSession.class)
class MetricsHistoryTest {

  // Deequ's OnlineNormalStrategy includes the new point in the mean and deviation it compares it with, so
  // after n points of history one outlier is at most sqrt(n) deviations away: 1.5 can fire after 3.
  static final List<QualityRule> RULES = QualitySuiteTest.rules(
      "row-count-change between 0.5 and 2", "null-rate-change(user) <= 0.2", "mean-shift(latency) <= 1.5");
  static final List<Row> DAY_ROWS = List.of(row("u1", 10.0), row("u2", 12.0), row("u3", 11.0), row("u4", 11.0));

  @TempDir Path dir;

  @Test
  void tripledRowCountAfterStableHistoryIsAnAnomalyWhileNullRateAndMeanAreNot(SparkSession spark) {
    List<String> first = lines(check(spark, "2024-03-01", DAY_ROWS));
    check(spark, "2024-03-02", DAY_ROWS);
    check(spark, "2024-03-03", DAY_ROWS);
    List<RuleResult> tripled = check(spark, "2024-03-04", Collections.nCopies(3, DAY_ROWS).stream().flatMap(List::stream).toList());

    assertThat(first).containsExactly(
        "row-count-change between 0.5 and 2 | SKIPPED | 4.0000 | 1.0000 | Size",
        "null-rate-change(user) <= 0.2 | SKIPPED | 0.0000 | 1.0000 | Completeness(user)",
        "mean-shift(latency) <= 1.5 | SKIPPED | 11.0000 | 1.0000 | Mean(latency)");
    assertThat(lines(tripled)).containsExactly(
        "row-count-change between 0.5 and 2 | FAIL | 12.0000 | 0.0000 | Size",
        "null-rate-change(user) <= 0.2 | PASS | 0.0000 | 1.0000 | Completeness(user)",
        "mean-shift(latency) <= 1.5 | PASS | 11.0000 | 1.0000 | Mean(latency)");
    assertThat(tripled.get(0).detail()).startsWith("anomaly: Size = 12 after 4 (");
  }

  @Test
  void meanShiftAndNullRateJumpAreAnomaliesAndARerunDoesNotAddHistory(SparkSession spark) {
    check(spark, "2024-03-01", DAY_ROWS);
    check(spark, "2024-03-02", List.of(row("u1", 10.0), row("u2", 12.0), row("u3", 12.0), row("u4", 10.0)));
    check(spark, "2024-03-03", DAY_ROWS);
    check(spark, "2024-03-03", DAY_ROWS);
    List<RuleResult> shifted = check(spark, "2024-03-04",
        List.of(row(null, 90.0), row(null, 95.0), row("u3", 99.0), row("u4", 90.0)));

    assertThat(lines(shifted)).containsExactly(
        "row-count-change between 0.5 and 2 | PASS | 4.0000 | 1.0000 | Size",
        "null-rate-change(user) <= 0.2 | FAIL | 0.5000 | 0.0000 | Completeness(user)",
        "mean-shift(latency) <= 1.5 | FAIL | 93.5000 | 0.0000 | Mean(latency)");
    MetricsHistory history = new MetricsHistory(spark, dir.resolve("metrics.json").toString(), "d");
    assertThat(history.before(DeequAnalyzers.size(), millis("2024-03-05"))).containsExactly(4.0, 4.0, 4.0, 4.0);
  }

  private List<RuleResult> check(SparkSession spark, String day, List<Row> rows) {
    Dataset<Row> data = Rows.of(spark, Rows.schema("user STRING, latency DOUBLE"), new ArrayList<>(rows));
    QualitySuite.Scope scope = new QualitySuite.Scope("d", LocalDate.parse(day), Instant.parse("2024-04-01T00:00:00Z"),
        dir.resolve("metrics.json").toString());
    return QualitySuite.check(data, RULES, scope).results();
  }

  private static List<String> lines(List<RuleResult> results) {
    return results.stream().map(QualitySuiteTest::line).toList();
  }

  private static long millis(String day) {
    return LocalDate.parse(day).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
  }
}
