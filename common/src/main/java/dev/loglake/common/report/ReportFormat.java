package dev.loglake.common.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the report writes numbers for people: thousands separators, percentages, milliseconds. */
final class ReportFormat {

  static final String NONE = "-";
  private static final DateTimeFormatter UTC_MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ReportFormat() {}

  /** {@code 1234567} as {@code 1,234,567}. */
  static String count(long n) {
    return String.format(Locale.US, "%,d", n);
  }

  /**
   * A fraction as a percentage with two decimals ({@code 0.0123} as {@code 1.23%}); "-" for null.
   */
  static String percent(Double fraction) {
    return fraction == null ? NONE : String.format(Locale.US, "%.2f%%", fraction * 100);
  }

  /** Seconds as milliseconds with one decimal and thousands separators; "-" for null. */
  static String millis(Double seconds) {
    return seconds == null ? NONE : String.format(Locale.US, "%,.1f", seconds * 1000);
  }

  /** {@code 2024-05-01 07:55 UTC}: the minute of {@code t} (seconds dropped, never rounded up). */
  static String utcMinute(Instant t) {
    return UTC_MINUTE.format(t);
  }

  /**
   * A duration for people: {@code 7 days}, {@code 1 day 2 hours}, {@code 55 minutes}; seconds only
   * under a minute.
   */
  static String span(Duration d) {
    List<String> parts = new ArrayList<>();
    unit(parts, d.toDaysPart(), "day");
    unit(parts, d.toHoursPart(), "hour");
    unit(parts, d.toMinutesPart(), "minute");
    if (parts.isEmpty()) {
      unit(parts, d.toSecondsPart(), "second");
    }
    return parts.isEmpty() ? "0 seconds" : String.join(" ", parts);
  }

  private static void unit(List<String> parts, long n, String name) {
    if (n > 0) {
      parts.add(n + " " + name + (n == 1 ? "" : "s"));
    }
  }

  /** {@code 2024-05-01} for one day, {@code 2024-05-01 to 2024-05-03} for a range. */
  static String dates(StatusReport report) {
    var r = report.range();
    return r.from().equals(r.to()) ? r.from().toString() : r.from() + " to " + r.to();
  }

  /** {@code payments: 12.50% errors (1,234 5xx of 9,872 requests)}. */
  static String worstLine(ApiTotals t) {
    return t.api()
        + ": "
        + percent(t.errorRate())
        + " errors ("
        + count(t.status5xx())
        + " 5xx of "
        + count(t.requests())
        + " requests)";
  }

  /** The totals as three lines: requests and rates, the status classes, where the 5xx came from. */
  static List<String> totalsLines(ApiTotals t) {
    return List.of(
        String.format(
            "Requests: %s   Error rate (5xx): %s   Availability: %s",
            count(t.requests()), percent(t.errorRate()), percent(t.availability())),
        String.format(
            "1xx: %s   2xx: %s   3xx: %s   4xx: %s   5xx: %s",
            count(t.status1xx()),
            count(t.status2xx()),
            count(t.status3xx()),
            count(t.status4xx()),
            count(t.status5xx())),
        String.format(
            "5xx from targets: %s   5xx from the load balancer: %s   client closed (460): %s",
            count(t.target5xx()), count(t.elb5xx()), count(t.clientClosed460())));
  }
}
