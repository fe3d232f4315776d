package dev.loglake.common.gold;

import static dev.loglake.common.testing.AlbRequests.request;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.alb.AlbApiMapping.ApiRule;
import dev.loglake.common.testing.AlbRequests;
import dev.loglake.common.testing.Rows;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Hand-built requests around 2024-05-01 for the status transforms, and an exact-percentile oracle. */
final class AlbStatusFixture {

  private AlbStatusFixture() {}

  /** payments (two target groups), search and billing are listed; billing gets no request. */
  static final AlbApiMapping MAPPING =
      new AlbApiMapping(
          List.of(
              ApiRule.of("payments", "^payments-(blue|green)-tg$"),
              ApiRule.of("search", "^search-tg$"),
              ApiRule.of("billing", "^billing-tg$")),
          false,
          0.05);

  static final double NO_TIME = -1.0;

  /** The requests as the ALB reader parses them. */
  static Dataset<Row> parsed(SparkSession spark) {
    return Rows.of(spark, AlbRequests.SCHEMA, requests());
  }

  static List<Row> requests() {
    return List.of(
        // the day before, last microsecond: counted on 2024-04-30 only
        request("2024-04-30T23:59:59.999999Z", "payments-blue-tg", 200, 200, 0.5, 1, 1),
        // payments on 2024-05-01: 2xx, 2xx, ELB 502, target 500, client closed 460
        request("2024-05-01T00:00:00Z", "payments-blue-tg", 200, 200, 0.010, 100, 1000),
        request("2024-05-01T10:15:00Z", "payments-green-tg", 200, 200, 0.020, 200, 2000),
        request("2024-05-01T10:30:00Z", "payments-blue-tg", 502, null, NO_TIME, 300, 0),
        request("2024-05-01T11:00:00Z", "payments-blue-tg", 460, null, NO_TIME, 50, 0),
        request("2024-05-01T23:59:59.999999Z", "payments-green-tg", 500, 500, 0.040, 400, 500),
        // orders (not listed: the name without -tg): ELB 503 and 504, a 404, a websocket 101
        request("2024-05-01T12:00:00Z", "orders-tg", 503, null, NO_TIME, 10, 20),
        request("2024-05-01T12:01:00Z", "orders-tg", 504, null, NO_TIME, 10, 20),
        request("2024-05-01T12:02:00Z", "orders-tg", 404, 404, 0.005, 10, 20),
        request("2024-05-01T12:03:00Z", "orders-tg", 101, 101, 0.001, 10, 20),
        // no target group: a redirect and a request the load balancer rejected
        request("2024-05-01T13:00:00Z", null, 301, null, NO_TIME, 5, 7),
        request("2024-05-01T13:01:00Z", null, 400, null, NO_TIME, 6, 8),
        // search: one request
        request("2024-05-01T14:00:00Z", "search-tg", 200, 200, 0.1, 1, 2),
        // the day after: outside a 2024-05-01 range
        request("2024-05-02T00:00:00Z", "payments-blue-tg", 500, 500, 0.3, 1, 1));
  }

  /**
   * Spark's exact {@code percentile}: linear interpolation between the closest ranks at position
   * {@code (n - 1) * p}, computed in the same order of operations.
   */
  static double percentile(double p, double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double position = (sorted.length - 1) * p;
    long lower = (long) Math.floor(position);
    long higher = (long) Math.ceil(position);
    if (lower == higher || sorted[(int) lower] == sorted[(int) higher]) {
      return sorted[(int) lower];
    }
    return (higher - position) * sorted[(int) lower] + (position - lower) * sorted[(int) higher];
  }
}
