package dev.loglake.quality;

import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.quality.QualityRule.Level;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every rule kind at pass and at fail on five literal rows; one Deequ pass per test. */
@ExtendWith(SparkTestSession.class)
class QualitySuiteTest {

  static final LocalDate DAY = LocalDate.parse("2024-03-10");
  static final QualitySuite.Scope SCOPE = new QualitySuite.Scope("d", DAY, Instant.parse("2024-03-11T06:00:00Z"), null);

  static Dataset<Row> data(SparkSession spark) {
    return Rows.of(spark, Rows.schema("id STRING, user STRING, method STRING, status INT, bytes BIGINT, delta DOUBLE,"
            + " currency STRING, ts TIMESTAMP"),
        row("a", "u1", "GET", 200, 10L, 1.5, "USD", ts("2024-03-10T20:00:00Z")),
        row("b", "u2", "POST", 404, 0L, -2.0, "EUR", ts("2024-03-10T21:00:00Z")),
        row("c", null, "GET", 500, 5L, 0.0, "GBP", ts("2024-03-10T22:00:00Z")),
        row("d", "u4", "PUT", 200, 7L, 3.0, "JPY", ts("2024-03-10T23:00:00Z")),
        row("e", "u5", "GET", 302, 1L, null, null, ts("2024-03-10T23:30:00Z")));
  }

  @Test
  void everyRuleKindPassesOnCompliantData(SparkSession spark) {
    QualitySuite.Checked checked = QualitySuite.check(data(spark), rules(
        "complete(id)", "completeness(user) >= 0.8", "unique(id)", "unique(method, status)",
        "contained-in(method, [GET, POST, PUT])", "between(status, 100, 599)", "non-negative(bytes)",
        "matches(currency, '[A-Z]{3}')", "row-count between 1 and 10", "freshness(ts) < 6h",
        "custom-sql(status < 500) fraction >= 0.8"), SCOPE);
    List<RuleResult> results = checked.results();

    assertThat(checked.rows()).isEqualTo(5);
    assertThat(results).extracting(QualitySuiteTest::line).containsExactly(
        "complete(id) | PASS | 1.0000 | 1.0000 | Completeness(id)",
        "completeness(user) >= 0.8 | PASS | 0.8000 | 1.0000 | Completeness(user)",
        "unique(id) | PASS | 1.0000 | 1.0000 | Uniqueness(id)",
        "unique(method, status) | PASS | 1.0000 | 1.0000 | Uniqueness(method,status)",
        "contained-in(method, [GET, POST, PUT]) | PASS | 1.0000 | 1.0000 | Compliance",
        "between(status, 100, 599) | PASS | 1.0000 | 1.0000 | Compliance",
        "non-negative(bytes) | PASS | 1.0000 | 1.0000 | Compliance",
        "matches(currency, '[A-Z]{3}') | PASS | 1.0000 | 1.0000 | Compliance",
        "row-count between 1 and 10 | PASS | 5.0000 | 1.0000 | Size",
        // newest ts 23:30; the partition's day ended at midnight, before the run's now (06:00)
        "freshness(ts) < 6h | PASS | 1800.0000 | 1.0000 | FreshnessLagSeconds(ts)",
        "custom-sql(status < 500) fraction >= 0.8 | PASS | 0.8000 | 1.0000 | Compliance");
    assertThat(QualityReport.of("d", "2024-03-10", checked.rows(), results).score()).isEqualTo(100.0);
  }

  @Test
  void everyRuleKindFailsOnDataThatBreaksItWithComplianceAsShareOfRequired(SparkSession spark) {
    List<RuleResult> results = QualitySuite.check(data(spark), rules(
        "complete(user)", "completeness(user) >= 0.9", "unique(method)", "contained-in(method, [GET, POST])",
        "between(status, 200, 299)", "non-negative(delta)", "matches(currency, 'USD|EUR')",
        "row-count between 10 and 100", "freshness(ts) < 10m", "custom-sql(status < 300) fraction >= 0.9",
        "complete(no_such_column)"), SCOPE).results();

    assertThat(results).extracting(QualitySuiteTest::line).containsExactly(
        "complete(user) | FAIL | 0.8000 | 0.8000 | Completeness(user)",
        "completeness(user) >= 0.9 | FAIL | 0.8000 | 0.8889 | Completeness(user)",
        "unique(method) | FAIL | 0.4000 | 0.4000 | Uniqueness(method)",
        "contained-in(method, [GET, POST]) | FAIL | 0.8000 | 0.8000 | Compliance",
        "between(status, 200, 299) | FAIL | 0.4000 | 0.4000 | Compliance",
        "non-negative(delta) | FAIL | 0.8000 | 0.8000 | Compliance",
        "matches(currency, 'USD|EUR') | FAIL | 0.6000 | 0.6000 | Compliance",
        "row-count between 10 and 100 | FAIL | 5.0000 | 0.0000 | Size",
        "freshness(ts) < 10m | FAIL | 1800.0000 | 0.0000 | FreshnessLagSeconds(ts)",
        "custom-sql(status < 300) fraction >= 0.9 | FAIL | 0.4000 | 0.4444 | Compliance",
        "complete(no_such_column) | ERROR | null | 0.0000 | Completeness(no_such_column)");
    // (0.8 + 0.8/0.9 + 0.4 + 0.8 + 0.4 + 0.8 + 0.6 + 0 + 0 + 0.4/0.9 + 0) / 11 = 5.1333.../11 = 0.46667
    assertThat(QualityReport.of("d", "2024-03-10", 5, results).score()).isEqualTo(46.67);
    assertThat(results.get(8).detail()).isEqualTo("newest ts is PT30M old at 2024-03-11T00:00:00Z, limit PT10M");
  }

  static List<QualityRule> rules(String... rules) {
    return java.util.Arrays.stream(rules).map(r -> QualityRules.parse(r, Level.ERROR, 1.0, "test")).toList();
  }

  static String line(RuleResult r) {
    return String.format(Locale.ROOT, "%s | %s | %s | %.4f | %s", r.rule().name(), r.status(),
        r.value() == null ? "null" : String.format(Locale.ROOT, "%.4f", r.value()), r.compliance(), r.metric());
  }

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }
}
