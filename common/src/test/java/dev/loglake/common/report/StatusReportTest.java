package dev.loglake.common.report;

import static dev.loglake.common.report.ReportFixture.DAY;
import static dev.loglake.common.report.ReportFixture.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.DateRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusReportTest {

  @Test
  void namesFilesByDayOrByRange() {
    assertThat(ReportFixture.oneDay().baseName()).isEqualTo("alb_api_status_report_2024-05-01");
    StatusReport range =
        new StatusReport(new DateRange(DAY, DAY.plusDays(2)), List.of(), List.of(), 0.05, 5);
    assertThat(range.baseName()).isEqualTo("alb_api_status_report_2024-05-01_2024-05-03");
  }

  @Test
  void sumsApisOverTheRangeKeepingTheHighestDailyP99() {
    StatusReport report =
        new StatusReport(
            new DateRange(DAY, DAY.plusDays(1)),
            List.of(
                day(DAY, "a", 100, 0, 0, 10, 0.2), day(DAY.plusDays(1), "a", 300, 0, 0, 10, 0.5)),
            List.of(),
            0.05,
            5);

    ApiTotals a = report.perApi().get(0);
    assertThat(a)
        .isEqualTo(new ApiTotals("a", 400, 0, 380, 0, 0, 20, 10, 10, 0, 40_000, 400_000, 0.5));
    assertThat(a.errorRate()).isEqualTo(0.05);
    assertThat(report.overThreshold(a)).isFalse();
  }

  @Test
  void ranksWorstApisByErrorRateAndListsSilentOnes() {
    StatusReport report = ReportFixture.oneDay();

    assertThat(report.worstApis()).extracting(ApiTotals::api).containsExactly("orders", "payments");
    assertThat(report.silentApis()).containsExactly("billing");
    assertThat(report.perApi())
        .extracting(ApiTotals::api)
        .containsExactly("billing", "orders", "payments", "search", "(load balancer)");
    assertThat(report.totals().requests()).isEqualTo(1_234_567 + 98_765 + 5_000 + 2_500);
  }

  @Test
  void zeroTrafficHasNoErrorRate() {
    ApiTotals silent = ReportFixture.oneDay().perApi().get(0);

    assertThat(silent.errorRate()).isNull();
    assertThat(silent.availability()).isNull();
    assertThat(ReportFixture.oneDay().overThreshold(silent)).isFalse();
  }
}
