package dev.loglake.common.report;

import dev.loglake.common.config.DateRange;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The numbers of one ALB API status report: the daily rows of the range (and the hourly rows for
 * the chart), with what the report derives from them. Plain data, no Spark.
 *
 * @param range the reported dates
 * @param daily rows of {@code alb_status_daily} for {@code range}
 * @param hourly rows of {@code alb_status_hourly} for {@code range}
 * @param errorRateThreshold APIs above it are highlighted
 * @param worstApiCount how many worst APIs the summary and the hourly chart name
 */
public record StatusReport(
    DateRange range,
    List<ApiDayStatus> daily,
    List<ApiHourStatus> hourly,
    double errorRateThreshold,
    int worstApiCount) {

  public StatusReport {
    daily =
        daily.stream()
            .sorted(Comparator.comparing(ApiDayStatus::date).thenComparing(ApiDayStatus::api))
            .toList();
    hourly = List.copyOf(hourly);
  }

  /** {@code alb_api_status_report_<date>} for one day, {@code ..._<from>_<to>} for a range. */
  public String baseName() {
    String dates =
        range.from().equals(range.to()) ? range.from().toString() : range.from() + "_" + range.to();
    return "alb_api_status_report_" + dates;
  }

  /** Every API summed over the range, by name; the load balancer's and (other) buckets last. */
  public List<ApiTotals> perApi() {
    Map<String, List<ApiDayStatus>> byApi =
        daily.stream()
            .collect(Collectors.groupingBy(ApiDayStatus::api, TreeMap::new, Collectors.toList()));
    return byApi.entrySet().stream()
        .map(e -> ApiTotals.of(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparing((ApiTotals t) -> t.api().startsWith("("))
                .thenComparing(ApiTotals::api))
        .toList();
  }

  /** All APIs together. */
  public ApiTotals totals() {
    return ApiTotals.of("all", daily);
  }

  /** The APIs with 5xx, highest error rate first (then most 5xx), at most {@code worstApiCount}. */
  public List<ApiTotals> worstApis() {
    return perApi().stream()
        .filter(t -> t.status5xx() > 0)
        .sorted(
            Comparator.comparing(ApiTotals::errorRate, Comparator.reverseOrder())
                .thenComparing(ApiTotals::status5xx, Comparator.reverseOrder())
                .thenComparing(ApiTotals::api))
        .limit(worstApiCount)
        .toList();
  }

  /** APIs without a single request in the range (listed in config, yet silent). */
  public List<String> silentApis() {
    return perApi().stream().filter(t -> t.requests() == 0).map(ApiTotals::api).toList();
  }

  /** Whether {@code t}'s error rate is above the threshold. */
  public boolean overThreshold(ApiTotals t) {
    return t.errorRate() != null && t.errorRate() > errorRateThreshold;
  }
}
