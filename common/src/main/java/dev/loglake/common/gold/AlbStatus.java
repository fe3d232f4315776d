package dev.loglake.common.gold;

import static dev.loglake.common.silver.AlbColumns.API;
import static dev.loglake.common.silver.AlbColumns.DATE;
import static dev.loglake.common.silver.AlbColumns.ELB_GENERATED;
import static dev.loglake.common.silver.AlbColumns.ELB_STATUS_CODE;
import static dev.loglake.common.silver.AlbColumns.HOUR;
import static dev.loglake.common.silver.AlbColumns.RECEIVED_BYTES;
import static dev.loglake.common.silver.AlbColumns.SENT_BYTES;
import static dev.loglake.common.silver.AlbColumns.STATUS_CLASS;
import static dev.loglake.common.silver.AlbColumns.TARGET_PROCESSING_TIME;
import static dev.loglake.common.silver.AlbColumns.TARGET_STATUS_CODE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.config.DateRange;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Gold: the ALB API status per API and day ({@code alb_status_daily}) and per API and hour ({@code
 * alb_status_hourly}).
 *
 * <p>Latency figures are exact percentiles (Spark's {@code percentile}, linear interpolation
 * between the closest ranks) of {@code target_processing_time}, ignoring {@code -1} and null. Exact
 * is affordable here: ALB times have millisecond precision, so the per-group state is a map of at
 * most one entry per distinct millisecond, and exact results are reproducible across runs and
 * between the raw and processed paths, which {@code percentile_approx} does not promise.
 */
public final class AlbStatus {

  /** The columns of {@code alb_status_daily}, in order. */
  public static final List<String> DAILY_COLUMNS =
      List.of(
          "date",
          "api",
          "requests",
          "status_1xx",
          "status_2xx",
          "status_3xx",
          "status_4xx",
          "status_5xx",
          "target_5xx",
          "elb_5xx",
          "client_closed_460",
          "error_rate",
          "availability",
          "latency_p50",
          "latency_p90",
          "latency_p99",
          "latency_max",
          "received_bytes",
          "sent_bytes");

  /** The columns of {@code alb_status_hourly}, in order. */
  public static final List<String> HOURLY_COLUMNS =
      List.of("date", "hour", "api", "requests", "status_4xx", "status_5xx", "latency_p99");

  private static final scala.collection.immutable.Seq<String> KEYS =
      scala.collection.JavaConverters.asScalaBuffer(List.of(DATE, API)).toList();
  private static final String LATENCY = "_latency";
  private static final String LATENCIES = "_latencies";

  private AlbStatus() {}

  /**
   * One row per API and date of {@code range}, columns {@link #DAILY_COLUMNS}.
   *
   * <p>Requires the columns {@link dev.loglake.common.silver.SilverAlb#enrich} adds plus {@code
   * elb_status_code}, {@code target_status_code}, {@code target_processing_time}, {@code
   * received_bytes} and {@code sent_bytes}. Rows outside {@code range} (by {@code date}) are
   * ignored. Every API of {@code listedApis} has a row for every date, also without requests: then
   * every count is 0 and {@code error_rate}, {@code availability} and the latencies are null (no
   * traffic is not "100% available"; the report shows it as no traffic).
   */
  public static Dataset<Row> daily(
      Dataset<Row> enriched, List<String> listedApis, DateRange range) {
    Column[] rest = dailyAggregates();
    Dataset<Row> observed =
        inRange(enriched, range)
            .withColumn(LATENCY, latency())
            .groupBy(DATE, API)
            .agg(rest[0], java.util.Arrays.copyOfRange(rest, 1, rest.length))
            .withColumn("error_rate", col("status_5xx").divide(col("requests")))
            .withColumn("availability", lit(1.0).minus(col("error_rate")))
            .withColumn("latency_p50", col(LATENCIES).getItem(0))
            .withColumn("latency_p90", col(LATENCIES).getItem(1))
            .withColumn("latency_p99", col(LATENCIES).getItem(2))
            .selectExpr(DAILY_COLUMNS.toArray(String[]::new));
    return observed.unionByName(silentApis(observed, listedApis, range));
  }

  private static Column[] dailyAggregates() {
    return new Column[] {
      count(lit(1)).as("requests"),
      countWhere(col(STATUS_CLASS).equalTo("1xx")).as("status_1xx"),
      countWhere(col(STATUS_CLASS).equalTo("2xx")).as("status_2xx"),
      countWhere(col(STATUS_CLASS).equalTo("3xx")).as("status_3xx"),
      countWhere(col(STATUS_CLASS).equalTo("4xx")).as("status_4xx"),
      countWhere(col(STATUS_CLASS).equalTo("5xx")).as("status_5xx"),
      // The target answered 5xx (the load balancer passes it on as its own status code).
      countWhere(col(TARGET_STATUS_CODE).between(500, 599)).as("target_5xx"),
      // The load balancer's own 5xx: no target response at all (502/503/504 ...).
      countWhere(col(ELB_GENERATED).and(col(STATUS_CLASS).equalTo("5xx"))).as("elb_5xx"),
      countWhere(col(ELB_STATUS_CODE).equalTo(460)).as("client_closed_460"),
      expr("percentile(" + LATENCY + ", array(0.5, 0.9, 0.99))").as(LATENCIES),
      max(LATENCY).as("latency_max"),
      coalesce(sum(RECEIVED_BYTES), lit(0L)).as("received_bytes"),
      coalesce(sum(SENT_BYTES), lit(0L)).as("sent_bytes")
    };
  }

  /**
   * One row per API, date and hour with requests, columns {@link #HOURLY_COLUMNS}. Same input and
   * range as {@link #daily}; hours without requests have no row.
   */
  public static Dataset<Row> hourly(Dataset<Row> enriched, DateRange range) {
    return inRange(enriched, range)
        .withColumn(LATENCY, latency())
        .groupBy(DATE, HOUR, API)
        .agg(
            count(lit(1)).as("requests"),
            countWhere(col(STATUS_CLASS).equalTo("4xx")).as("status_4xx"),
            countWhere(col(STATUS_CLASS).equalTo("5xx")).as("status_5xx"),
            expr("percentile(" + LATENCY + ", 0.99)").as("latency_p99"))
        .selectExpr(HOURLY_COLUMNS.toArray(String[]::new));
  }

  private static Dataset<Row> inRange(Dataset<Row> enriched, DateRange range) {
    return enriched.filter(
        col(DATE).between(lit(Date.valueOf(range.from())), lit(Date.valueOf(range.to()))));
  }

  /** {@code target_processing_time} when it is a measurement: {@code -1} (and null) excluded. */
  private static Column latency() {
    return when(col(TARGET_PROCESSING_TIME).geq(0.0), col(TARGET_PROCESSING_TIME));
  }

  private static Column countWhere(Column condition) {
    return count(when(condition, lit(1)));
  }

  /** Zero rows for the listed APIs that had no request on a date of the range. */
  private static Dataset<Row> silentApis(
      Dataset<Row> observed, List<String> listedApis, DateRange range) {
    StructType keys =
        new StructType().add(DATE, DataTypes.DateType, false).add(API, DataTypes.StringType, false);
    List<Row> grid =
        range
            .days()
            .flatMap(d -> listedApis.stream().map(api -> RowFactory.create(Date.valueOf(d), api)))
            .toList();
    Dataset<Row> missing =
        observed
            .sparkSession()
            .createDataFrame(grid, keys)
            .join(observed.select(DATE, API), KEYS, "left_anti");
    return missing.selectExpr(
        "date",
        "api",
        "0L AS requests",
        "0L AS status_1xx",
        "0L AS status_2xx",
        "0L AS status_3xx",
        "0L AS status_4xx",
        "0L AS status_5xx",
        "0L AS target_5xx",
        "0L AS elb_5xx",
        "0L AS client_closed_460",
        "CAST(NULL AS DOUBLE) AS error_rate",
        "CAST(NULL AS DOUBLE) AS availability",
        "CAST(NULL AS DOUBLE) AS latency_p50",
        "CAST(NULL AS DOUBLE) AS latency_p90",
        "CAST(NULL AS DOUBLE) AS latency_p99",
        "CAST(NULL AS DOUBLE) AS latency_max",
        "0L AS received_bytes",
        "0L AS sent_bytes");
  }
}
