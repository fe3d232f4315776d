package dev.loglake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.error.QualityGateException;
import dev.loglake.quality.QualityGate.FailOn;
import dev.loglake.quality.QualityRule.Level;
import dev.loglake.quality.RuleResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityReportTest {

  static final QualityRule COMPLETE = QualityRules.parse("complete(id)", Level.ERROR, 2.0, "t");
  static final QualityRule BETWEEN = QualityRules.parse("between(x, 0, 9) >= 0.8", Level.WARNING, 1.0, "t");
  static final QualityRule ROWS = QualityRules.parse("row-count >= 10", Level.ERROR, 1.0, "t");
  static final QualityRule CHANGE = QualityRules.parse("row-count-change between 0.5 and 2", Level.ERROR, 5.0, "t");

  @Test
  void scoreIsTheWeightedMeanComplianceOfTheRulesNotSkipped() {
    QualityReport report = QualityReport.of("d", "2024-03-10", 4, List.of(
        RuleResult.ofShare(COMPLETE, "Completeness(id)", 1.0),
        RuleResult.ofShare(BETWEEN, "Compliance", 0.4),
        RuleResult.ofCheck(ROWS, "Size", 4.0, false, "4 rows"),
        RuleResult.skipped(CHANGE, "Size", 4.0, "no history")));

    // (2 × 1.0 + 1 × min(1, 0.4 / 0.8) + 1 × 0) / (2 + 1 + 1) = 2.5 / 4
    assertThat(report.score()).isEqualTo(62.5);
    assertThat(report.status()).isEqualTo(QualityReport.Status.FAIL);
    assertThat(report.failedRules()).containsExactly("between(x, 0, 9) >= 0.8", "row-count >= 10");
  }

  @Test
  void partitionWithOnlyWarningFailuresIsWarnAndAllSkippedScoresHundred() {
    QualityReport warn = QualityReport.of("d", "2024-03-10", 4, List.of(
        RuleResult.ofShare(COMPLETE, "Completeness(id)", 1.0), RuleResult.ofShare(BETWEEN, "Compliance", 0.7)));
    QualityReport skipped = QualityReport.of("d", "2024-03-10", 4, List.of(RuleResult.skipped(CHANGE, "Size", 1.0, "")));

    // (2 × 1 + 1 × 0.7 / 0.8) / 3 = 2.875 / 3 = 0.958333...
    assertThat(warn.score()).isEqualTo(95.83);
    assertThat(warn.status()).isEqualTo(QualityReport.Status.WARN);
    assertThat(skipped.score()).isEqualTo(100.0);
    assertThat(skipped.status()).isEqualTo(QualityReport.Status.PASS);
  }

  @Test
  void quarantineShareComplianceIsTheCleanShareOverTheRequiredShare() {
    QualityRule rule = QualityRule.quarantineShare(0.1, Level.ERROR, 1.0);

    RuleResult pass = QualitySuite.quarantineShare(rule, 100, 5);
    RuleResult fail = QualitySuite.quarantineShare(rule, 100, 20);
    RuleResult none = QualitySuite.quarantineShare(rule, 0, 0);

    assertThat(List.of(pass, fail, none)).extracting(r -> r.status() + " " + r.value() + " " + r.compliance())
        .containsExactly("PASS 0.95 1.0", "FAIL 0.8 " + 0.8 / 0.9, "SKIPPED null 1.0");
    assertThat(fail.detail()).isEqualTo("20 of 100 input rows quarantined (0.2000 > 0.1)");
  }

  @Test
  void gateFailsOnErrorLevelFailuresOnlyUnlessToldOtherwise() {
    QualityReport warnOnly = QualityReport.of("web", "2024-03-10", 4, List.of(RuleResult.ofShare(BETWEEN, "Compliance", 0.5)));
    QualityReport error = QualityReport.of("tx", "2024-03-11", 3, List.of(RuleResult.ofCheck(ROWS, "Size", 3.0, false, "3 rows")));

    QualityGate.enforce(List.of(warnOnly), FailOn.ERROR);
    QualityGate.enforce(List.of(warnOnly, error), FailOn.NEVER);
    assertThatThrownBy(() -> QualityGate.enforce(List.of(warnOnly), FailOn.WARNING))
        .isInstanceOf(QualityGateException.class);
    assertThatThrownBy(() -> QualityGate.enforce(List.of(warnOnly, error), FailOn.ERROR))
        .isInstanceOf(QualityGateException.class)
        .satisfies(e -> assertThat(((QualityGateException) e).exitCode()).isEqualTo(3))
        .hasMessage("Quality gate failed: 1 blocking rule failure(s) (fail-on = error) in 2 partition(s):\n"
            + "  tx 2024-03-11 (score 0.00): row-count >= 10 [error] 3 rows\n"
            + "  web 2024-03-10 (score 62.50): between(x, 0, 9) >= 0.8 [warning] 0.5000 of rows comply, 0.8000 required");
  }
}
