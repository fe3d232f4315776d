package dev.loglake.jobs.albstatus;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.io.DeltaRetry;
import dev.loglake.common.silver.AlbColumns;
import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The curated Delta tables {@code alb_status_daily} and {@code alb_status_hourly}. */
final class AlbStatusTables {

  static final String DAILY = "alb_status_daily";
  static final String HOURLY = "alb_status_hourly";

  private AlbStatusTables() {}

  static String path(LakeZones zones, String table) {
    return LakeZones.join(zones.curated(), table);
  }

  /**
   * Replaces the rows of {@code range}'s dates with {@code rows} (Delta {@code replaceWhere}): a
   * rerun leaves the same rows, other dates are untouched. Partitioned by {@code date}.
   */
  static void replaceDates(Dataset<Row> rows, String path, DateRange range) {
    DeltaRetry.onConflict(path, () -> rows.write()
        .format("delta")
        .mode("overwrite")
        .partitionBy(AlbColumns.DATE)
        // Static: the session's dynamic partition overwrite must not compete with replaceWhere.
        .option("partitionOverwriteMode", "static")
        .option("replaceWhere", "date >= '" + range.from() + "' AND date <= '" + range.to() + "'")
        .save(path));
  }

  /** The rows of {@code range}'s dates of the Delta table at {@code path} (partitioned by date). */
  static Dataset<Row> read(SparkSession spark, String path, DateRange range) {
    return spark
        .read()
        .format("delta")
        .load(path)
        .filter(
            col(AlbColumns.DATE)
                .between(lit(Date.valueOf(range.from())), lit(Date.valueOf(range.to()))));
  }
}
