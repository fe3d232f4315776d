package dev.loglake.common.report;

import dev.loglake.common.config.DateRange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Report inputs built by hand: big numbers (for thousands separators), a silent API, 5xx. */
final class ReportFixture {

  static final LocalDate DAY = LocalDate.parse("2024-05-01");

  private ReportFixture() {}

  /** A day row; 2xx is what remains of {@code requests} after 3xx, 4xx and 5xx. */
  static ApiDayStatus day(
      LocalDate date, String api, long requests, long s3, long s4, long s5, Double p99) {
    long s2 = requests - s3 - s4 - s5;
    Double rate = requests == 0 ? null : (double) s5 / requests;
    return new ApiDayStatus(
        date,
        api,
        requests,
        0,
        s2,
        s3,
        s4,
        s5,
        s5 / 2,
        s5 - s5 / 2,
        0,
        rate,
        rate == null ? null : 1 - rate,
        p99 == null ? null : p99 / 2,
        p99 == null ? null : p99 / 1.5,
        p99,
        p99 == null ? null : p99 * 2,
        requests * 100,
        requests * 1000);
  }

  static StatusReport oneDay() {
    List<ApiDayStatus> daily =
        List.of(
            day(DAY, "payments", 1_234_567, 0, 4_000, 30_567, 0.1234),
            day(DAY, "search", 98_765, 1_000, 765, 0, 0.045),
            day(DAY, "orders", 5_000, 0, 0, 500, 1.5),
            day(DAY, "(load balancer)", 2_500, 2_400, 100, 0, null),
            day(DAY, "billing", 0, 0, 0, 0, null));
    List<ApiHourStatus> hourly = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hourly.add(new ApiHourStatus(DAY, h, "payments", 50_000, 100, 1_000 + h, 0.1));
      hourly.add(new ApiHourStatus(DAY, h, "orders", 200, 0, h % 3 == 0 ? 60 : 0, 1.0));
    }
    return new StatusReport(DateRange.of(DAY), daily, hourly, 0.05, 5);
  }

  /** {@code n} APIs {@code api-00} ..., every fifth one over the threshold. */
  static StatusReport manyApis(int n) {
    List<ApiDayStatus> daily = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long requests = 10_000L + i * 1_001L;
      daily.add(
          day(
              DAY,
              String.format("api-%02d", i),
              requests,
              10,
              20,
              i % 5 == 0 ? requests / 10 : 3,
              0.2));
    }
    return new StatusReport(DateRange.of(DAY), daily, List.of(), 0.05, 5);
  }
}
