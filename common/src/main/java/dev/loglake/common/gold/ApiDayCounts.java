package dev.loglake.common.gold;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The counts and latency distribution of one API on one UTC day, hour by hour: what one partition
 * saw, mergeable with what the others saw. A plain class (not a record): Kryo cannot set a record's
 * fields when the shuffle deserializes it.
 */
final class ApiDayCounts implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int REQUESTS = 0;
  // Indexes 1-5: status classes 1xx-5xx by elb_status_code.
  private static final int TARGET_5XX = 6;
  private static final int ELB_5XX = 7;
  private static final int CLIENT_CLOSED_460 = 8;
  private static final int RECEIVED_BYTES = 9;
  private static final int SENT_BYTES = 10;
  private static final int FIELDS = 11;
  private static final int HOURS = 24;

  /** Sentinel for a null status code. */
  static final int NO_STATUS = -1;

  final int epochDay;
  final String api;
  private final long[][] hours = new long[HOURS][];
  private final LatencyHistogram[] latencies = new LatencyHistogram[HOURS];

  ApiDayCounts(int epochDay, String api) {
    this.epochDay = epochDay;
    this.api = api;
  }

  /**
   * Counts one request. Status codes are {@link #NO_STATUS} when null; {@code latency} is a sample
   * only when it is at least 0 (ALB writes {@code -1} when there is no measurement); null byte
   * counts are passed as 0.
   */
  void add(int hour, int elbStatus, int targetStatus, double latency, long received, long sent) {
    long[] c = hours[hour];
    if (c == null) {
      c = hours[hour] = new long[FIELDS];
    }
    c[REQUESTS]++;
    int statusClass = elbStatus / 100;
    if (elbStatus != NO_STATUS && statusClass >= 1 && statusClass <= 5) {
      c[statusClass]++;
    }
    if (targetStatus >= 500 && targetStatus <= 599) {
      c[TARGET_5XX]++;
    }
    // The load balancer's own 5xx: no target response at all (502/503/504 ...).
    if (targetStatus == NO_STATUS && elbStatus != NO_STATUS && statusClass == 5) {
      c[ELB_5XX]++;
    }
    if (elbStatus == 460) {
      c[CLIENT_CLOSED_460]++;
    }
    c[RECEIVED_BYTES] += received;
    c[SENT_BYTES] += sent;
    if (latency >= 0.0) {
      LatencyHistogram h = latencies[hour];
      if (h == null) {
        h = latencies[hour] = new LatencyHistogram();
      }
      h.add(latency);
    }
  }

  /** Adds {@code other}'s counts (same API and day) into this one and returns this. */
  ApiDayCounts merge(ApiDayCounts other) {
    for (int h = 0; h < HOURS; h++) {
      if (other.hours[h] != null) {
        if (hours[h] == null) {
          hours[h] = new long[FIELDS];
        }
        for (int i = 0; i < FIELDS; i++) {
          hours[h][i] += other.hours[h][i];
        }
      }
      if (other.latencies[h] != null) {
        if (latencies[h] == null) {
          latencies[h] = new LatencyHistogram();
        }
        latencies[h].addAll(other.latencies[h]);
      }
    }
    return this;
  }

  /**
   * The {@code alb_status_daily} row (first) and the {@code alb_status_hourly} rows of the hours
   * with requests, in the column orders of {@link AlbStatus}.
   */
  Row[] rows() {
    Date date = Date.valueOf(LocalDate.ofEpochDay(epochDay));
    long[] day = new long[FIELDS];
    LatencyHistogram dayLatencies = new LatencyHistogram();
    List<Row> out = new ArrayList<>();
    out.add(null);
    for (int h = 0; h < HOURS; h++) {
      long[] c = hours[h];
      if (c == null) {
        continue;
      }
      for (int i = 0; i < FIELDS; i++) {
        day[i] += c[i];
      }
      Double p99 = null;
      if (latencies[h] != null) {
        dayLatencies.addAll(latencies[h]);
        p99 = latencies[h].percentiles(0.99)[0];
      }
      out.add(RowFactory.create(date, h, api, c[REQUESTS], c[4], c[5], p99));
    }
    Double[] p = dayLatencies.percentiles(0.5, 0.9, 0.99);
    double errorRate = (double) day[5] / day[REQUESTS];
    out.set(
        0,
        RowFactory.create(
            date, api, day[REQUESTS], day[1], day[2], day[3], day[4], day[5], day[TARGET_5XX],
            day[ELB_5XX], day[CLIENT_CLOSED_460], errorRate, 1.0 - errorRate, p[0], p[1], p[2],
            dayLatencies.max(), day[RECEIVED_BYTES], day[SENT_BYTES]));
    return out.toArray(Row[]::new);
  }
}
