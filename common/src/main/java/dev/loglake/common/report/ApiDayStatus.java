package dev.loglake.common.report;

import java.time.LocalDate;
import org.apache.spark.sql.Row;

/**
 * One row of {@code alb_status_daily} (see {@code AlbStatus.DAILY_COLUMNS}), collected for the
 * report.
 */
public record ApiDayStatus(
    LocalDate date,
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
    Double errorRate,
    Double availability,
    Double latencyP50,
    Double latencyP90,
    Double latencyP99,
    Double latencyMax,
    long receivedBytes,
    long sentBytes) {

  /** Reads a collected daily row by column name. */
  public static ApiDayStatus fromRow(Row r) {
    return new ApiDayStatus(
        r.<java.sql.Date>getAs("date").toLocalDate(),
        r.getAs("api"),
        r.<Long>getAs("requests"),
        r.<Long>getAs("status_1xx"),
        r.<Long>getAs("status_2xx"),
        r.<Long>getAs("status_3xx"),
        r.<Long>getAs("status_4xx"),
        r.<Long>getAs("status_5xx"),
        r.<Long>getAs("target_5xx"),
        r.<Long>getAs("elb_5xx"),
        r.<Long>getAs("client_closed_460"),
        r.getAs("error_rate"),
        r.getAs("availability"),
        r.getAs("latency_p50"),
        r.getAs("latency_p90"),
        r.getAs("latency_p99"),
        r.getAs("latency_max"),
        r.<Long>getAs("received_bytes"),
        r.<Long>getAs("sent_bytes"));
  }

  /** The values in the order of the daily columns (date as YYYY-MM-DD), for CSV and JSON. */
  public Object[] values() {
    return new Object[] {
      date.toString(),
      api,
      requests,
      status1xx,
      status2xx,
      status3xx,
      status4xx,
      status5xx,
      target5xx,
      elb5xx,
      clientClosed460,
      errorRate,
      availability,
      latencyP50,
      latencyP90,
      latencyP99,
      latencyMax,
      receivedBytes,
      sentBytes
    };
  }
}
