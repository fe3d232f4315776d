package dev.loglake.common.report;

import java.util.Collection;

/**
 * One API's figures summed over the report's dates (or all APIs': the report's totals). {@code
 * latencyP99} is the highest daily p99 (percentiles do not add up), null without samples.
 */
public record ApiTotals(
    String api,
    long requests,
    long status1xx,
    long status2xx,
    long status3xx,
    long status4xx,
    long status5xx,
    long target5xx,
    long elb5xx,
    long clientClosed460,
    long receivedBytes,
    long sentBytes,
    Double latencyP99) {

  /** Sums {@code days} under the name {@code api}. */
  public static ApiTotals of(String api, Collection<ApiDayStatus> days) {
    Double p99 =
        days.stream()
            .map(ApiDayStatus::latencyP99)
            .filter(java.util.Objects::nonNull)
            .max(Double::compare)
            .orElse(null);
    return new ApiTotals(
        api,
        days.stream().mapToLong(ApiDayStatus::requests).sum(),
        days.stream().mapToLong(ApiDayStatus::status1xx).sum(),
        days.stream().mapToLong(ApiDayStatus::status2xx).sum(),
        days.stream().mapToLong(ApiDayStatus::status3xx).sum(),
        days.stream().mapToLong(ApiDayStatus::status4xx).sum(),
        days.stream().mapToLong(ApiDayStatus::status5xx).sum(),
        days.stream().mapToLong(ApiDayStatus::target5xx).sum(),
        days.stream().mapToLong(ApiDayStatus::elb5xx).sum(),
        days.stream().mapToLong(ApiDayStatus::clientClosed460).sum(),
        days.stream().mapToLong(ApiDayStatus::receivedBytes).sum(),
        days.stream().mapToLong(ApiDayStatus::sentBytes).sum(),
        p99);
  }

  /** 5xx / requests; null without requests (no traffic is not "0% errors"). */
  public Double errorRate() {
    return requests == 0 ? null : (double) status5xx / requests;
  }

  /** 1 - error rate; null without requests. */
  public Double availability() {
    Double rate = errorRate();
    return rate == null ? null : 1.0 - rate;
  }
}
