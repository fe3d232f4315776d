package dev.loglake.common.report;

import java.time.LocalDate;
import org.apache.spark.sql.Row;

/** One row of {@code alb_status_hourly}, collected for the report's hourly chart. */
public record ApiHourStatus(
    LocalDate date,
    int hour,
    String api,
    long requests,
    long status4xx,
    long status5xx,
    Double latencyP99) {

  public static ApiHourStatus fromRow(Row r) {
    return new ApiHourStatus(
        r.<java.sql.Date>getAs("date").toLocalDate(),
        r.<Integer>getAs("hour"),
        r.getAs("api"),
        r.<Long>getAs("requests"),
        r.<Long>getAs("status_4xx"),
        r.<Long>getAs("status_5xx"),
        r.getAs("latency_p99"));
  }
}
