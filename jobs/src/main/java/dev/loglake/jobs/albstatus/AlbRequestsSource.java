package dev.loglake.jobs.albstatus;

import dev.loglake.common.alb.AlbLineSource;
import dev.loglake.common.alb.AlbLogReader;
import dev.loglake.common.alb.AlbReadRequest;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.gold.AlbStatus;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The ALB requests alb-status aggregates, from the processed table or from raw files. */
final class AlbRequestsSource {

  /** The processed table's name under the processed zone. */
  static final String TABLE = "alb_requests";

  private AlbRequestsSource() {}

  /**
   * The requests of {@code range} from the Delta table {@code processed/alb_requests} (partitioned
   * by {@code date}, so only the range's partitions are read; only {@link AlbStatus#INPUT_COLUMNS}
   * are read from Parquet). The table's stored API columns are not used: the aggregation maps the
   * target groups again with today's mapping, so a changed {@code loglake.alb.apis} applies to
   * every rerun and both sources give identical results.
   */
  static Dataset<Row> processed(SparkSession spark, LakeZones zones, DateRange range) {
    String path = LakeZones.join(zones.processed(), TABLE);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw EtlErrors.unreadableInput(
          path,
          "there is no Delta table " + TABLE + " there",
          "Run raw-to-processed for these dates first, or run alb-status --source raw --input"
              + " PATH.");
    }
    return AlbStatusTables.read(spark, path, range)
        .selectExpr(AlbStatus.INPUT_COLUMNS.toArray(String[]::new));
  }

  /**
   * {@code --source raw}: ALB files under {@code input} (a file, folder or AWSLogs/ prefix), only
   * the date folders of the range plus the next day (late deliveries), for the aggregation to fold
   * as it parses them (no row per line); lines are kept by {@code time}.
   */
  static AlbLineSource raw(SparkSession spark, String input, DateRange range) {
    return AlbLogReader.lines(spark, AlbReadRequest.between(input, range.from(), range.to()));
  }
}
