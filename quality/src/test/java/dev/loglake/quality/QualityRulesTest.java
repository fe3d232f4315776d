package dev.loglake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import dev.loglake.common.error.ConfigException;
import dev.loglake.quality.QualityRule.Kind;
import dev.loglake.quality.QualityRule.Level;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityRulesTest {

  @Test
  void parsesEveryRuleKindFromStringsAndObjects() {
    List<QualityRule> rules = parse("""
        quality = [
          "complete(event_id)"
          "completeness( user_id )  >= 0.7"
          { check = "unique(event_id, date)", level = warning, weight = 2 }
          "contained-in(method, [GET, POST, 'A B'])"
          "between(status, 100, 599) >= 0.99"
          "non-negative(bytes)"
          "matches(currency, '^[A-Z]{3}$')"
          "row-count between 10 and 1000"
          "row-count >= 1"
          "freshness(event_ts) < 6h"
          "custom-sql(status < 500 AND (bytes > 0)) fraction >= 0.95"
          "row-count-change between 0.5 and 2"
          "null-rate-change(user_id) <= 0.1"
          "mean-shift(latency_ms) <= 3"
          { check = "quarantine-share <= 0.001", level = warning }
        ]""");

    assertThat(rules).extracting(r -> r.name() + " | " + r.kind() + " " + r.columns() + " " + r.values() + " "
            + r.lower() + " " + r.upper() + " " + r.text() + " " + r.threshold() + " " + r.level() + " " + r.weight())
        .containsExactly(
            "complete(event_id) | COMPLETENESS [event_id] [] null null null 1.0 ERROR 1.0",
            "completeness( user_id ) >= 0.7 | COMPLETENESS [user_id] [] null null null 0.7 ERROR 1.0",
            "unique(event_id, date) | UNIQUE [event_id, date] [] null null null 1.0 WARNING 2.0",
            "contained-in(method, [GET, POST, 'A B']) | CONTAINED_IN [method] [GET, POST, A B] null null null 1.0 ERROR 1.0",
            "between(status, 100, 599) >= 0.99 | BETWEEN [status] [] 100.0 599.0 null 0.99 ERROR 1.0",
            "non-negative(bytes) | NON_NEGATIVE [bytes] [] null null null 1.0 ERROR 1.0",
            "matches(currency, '^[A-Z]{3}$') | MATCHES [currency] [] null null ^[A-Z]{3}$ 1.0 ERROR 1.0",
            "row-count between 10 and 1000 | ROW_COUNT [] [] 10.0 1000.0 null 1.0 ERROR 1.0",
            "row-count >= 1 | ROW_COUNT [] [] 1.0 null null 1.0 ERROR 1.0",
            "freshness(event_ts) < 6h | FRESHNESS [event_ts] [] null 21600.0 null 1.0 ERROR 1.0",
            "custom-sql(status < 500 AND (bytes > 0)) fraction >= 0.95 | CUSTOM_SQL [] [] null null status < 500 AND (bytes > 0) 0.95 ERROR 1.0",
            "row-count-change between 0.5 and 2 | ROW_COUNT_CHANGE [] [] 0.5 2.0 null 1.0 ERROR 1.0",
            "null-rate-change(user_id) <= 0.1 | NULL_RATE_CHANGE [user_id] [] null 0.1 null 1.0 ERROR 1.0",
            "mean-shift(latency_ms) <= 3 | MEAN_SHIFT [latency_ms] [] null 3.0 null 1.0 ERROR 1.0",
            "quarantine-share <= 0.001 | QUARANTINE_SHARE [] [] null 0.001 null 0.999 WARNING 1.0");
  }

  @Test
  void rejectsUnknownRulesBadFractionsLevelsAndRegexesNamingTheKey() {
    for (String bad : Arrays.asList("\"completes(x)\"", "\"completeness(x)\"", "\"completeness(x) >= 1.5\"",
        "{ check = \"complete(x)\", level = fatal }", "{ check = \"complete(x)\", weight = 0 }",
        "{ check = \"complete(x)\", colour = red }", "\"matches(x, '[a-')\"", "\"freshness(t) < soon\"",
        "\"between(x, 1)\"", "42")) {
      assertThatThrownBy(() -> parse("quality = [" + bad + "]"), bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("loglake.datasets.d.quality[0]");
    }
  }

  @Test
  void quarantineShareRuleRequiresTheCleanShare() {
    QualityRule rule = QualityRule.quarantineShare(0.02, Level.WARNING, 1.0);

    assertThat(rule.kind()).isEqualTo(Kind.QUARANTINE_SHARE);
    assertThat(rule.threshold()).isEqualTo(0.98);
    assertThat(rule.name()).isEqualTo("quarantine-share <= 0.02");
  }

  private static List<QualityRule> parse(String hocon) {
    return QualityRules.parse(ConfigFactory.parseString(hocon).getList("quality"), "loglake.datasets.d.quality");
  }
}
