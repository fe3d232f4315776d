package dev.loglake.common.silver;

import static dev.loglake.common.silver.AlbColumns.API;
import static dev.loglake.common.silver.AlbColumns.DATE;
import static dev.loglake.common.silver.AlbColumns.ELB_GENERATED;
import static dev.loglake.common.silver.AlbColumns.ELB_STATUS_CODE;
import static dev.loglake.common.silver.AlbColumns.HOUR;
import static dev.loglake.common.silver.AlbColumns.STATUS_CLASS;
import static dev.loglake.common.silver.AlbColumns.TARGET_GROUP_ARN;
import static dev.loglake.common.silver.AlbColumns.TARGET_GROUP_NAME;
import static dev.loglake.common.silver.AlbColumns.TARGET_STATUS_CODE;
import static dev.loglake.common.silver.AlbColumns.TIME;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.alb.AlbApiMapping;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver enrichment of parsed ALB requests: the columns every ALB report groups by. */
public final class SilverAlb {

  private static final long MICROS_PER_DAY = 86_400_000_000L;
  private static final long MICROS_PER_HOUR = 3_600_000_000L;

  private SilverAlb() {}

  /**
   * Adds the grouping columns of the ALB status report. Pure column expressions, no UDF.
   *
   * <p>Requires {@code time} (timestamp), {@code elb_status_code} (int), {@code target_status_code}
   * (int, null when the target sent none) and {@code target_group_arn} (string, null when none).
   * Adds:
   *
   * <ul>
   *   <li>{@code target_group_name}: from {@code ...:targetgroup/<name>/<id>}; null without a
   *       target group;
   *   <li>{@code api}: by {@code mapping}'s rules (see {@link AlbApiMapping});
   *   <li>{@code status_class}: {@code 1xx} .. {@code 5xx} from the hundreds digit of {@code
   *       elb_status_code}, for every code;
   *   <li>{@code elb_generated}: true when the load balancer answered without a target response
   *       ({@code target_status_code} is null);
   *   <li>{@code date} and {@code hour} (0-23) of {@code time} in UTC, whatever the session time
   *       zone.
   * </ul>
   */
  public static Dataset<Row> enrich(Dataset<Row> parsed, AlbApiMapping mapping) {
    return parsed
        .withColumn(TARGET_GROUP_NAME, targetGroupName(col(TARGET_GROUP_ARN)))
        .withColumn(API, api(col(TARGET_GROUP_NAME), mapping))
        .withColumn(STATUS_CLASS, statusClass(col(ELB_STATUS_CODE)))
        .withColumn(ELB_GENERATED, col(TARGET_STATUS_CODE).isNull())
        .withColumn(DATE, utcDate(TIME))
        .withColumn(HOUR, utcHour(TIME));
  }

  /** The target group name of an ARN; the whole value when it is not a target group ARN. */
  static Column targetGroupName(Column arn) {
    // functions.nullif cannot take unresolved columns in Spark 3.5, hence when().
    Column present = when(arn.notEqual(lit("")).and(arn.notEqual(lit("-"))), arn);
    Column extracted = regexp_extract(present, AlbApiMapping.TARGET_GROUP_NAME_REGEX, 1);
    return coalesce(when(extracted.notEqual(lit("")), extracted), present);
  }

  /** The rules as one CASE WHEN chain, first match wins. */
  static Column api(Column group, AlbApiMapping mapping) {
    Column chain = when(group.isNull(), lit(AlbApiMapping.LOAD_BALANCER));
    for (AlbApiMapping.ApiRule rule : mapping.rules()) {
      chain = chain.when(group.rlike(rule.match().pattern()), lit(rule.name()));
    }
    Column fallback =
        mapping.onlyListedApis()
            ? lit(AlbApiMapping.OTHER)
            : regexp_replace(group, "^(.+)-tg$", "$1");
    return chain.otherwise(fallback);
  }

  static Column statusClass(Column code) {
    return concat(floor(code.divide(100)).cast("string"), lit("xx"));
  }

  // From epoch microseconds, not to_date/hour(): those follow the session time zone.
  private static Column utcDate(String time) {
    return expr(
        "date_from_unix_date(CAST(floor(unix_micros(`"
            + time
            + "`) / "
            + MICROS_PER_DAY
            + ") AS INT))");
  }

  private static Column utcHour(String time) {
    return expr(
        "CAST(pmod(floor(unix_micros(`" + time + "`) / " + MICROS_PER_HOUR + "), 24) AS INT)");
  }
}
