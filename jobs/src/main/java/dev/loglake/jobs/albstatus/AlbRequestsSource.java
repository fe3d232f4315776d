package dev.loglake.jobs.albstatus;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.alb.AlbLogReader;
import dev.loglake.common.alb.AlbReadRequest;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.silver.AlbColumns;
import dev.loglake.common.silver.SilverAlb;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The enriched ALB requests alb-status aggregates, from the processed table or (later) raw files.
 */
final class AlbRequestsSource {

  /** The processed table's name under the processed zone. */
  static final String TABLE = "alb_requests";

  private AlbRequestsSource() {}

  /**
   * The requests of {@code range} from the Delta table {@code processed/alb_requests} (partitioned
   * by {@code date}, so only the range's partitions are read). The API columns are derived again
   * with today's {@code mapping}, so a changed {@code loglake.alb.apis} applies to every rerun and
   * both sources give identical results.
   */
  static Dataset<Row> processed(
      SparkSession spark, LakeZones zones, DateRange range, AlbApiMapping mapping) {
    String path = LakeZones.join(zones.processed(), TABLE);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      throw EtlErrors.unreadableInput(
          path,
          "there is no Delta table " + TABLE + " there",
          "Run raw-to-processed for these dates first, or run alb-status --source raw --input"
              + " PATH.");
    }
    Dataset<Row> table =
        spark
            .read()
            .format("delta")
            .load(path)
            .filter(
                col(AlbColumns.DATE)
                    .between(lit(Date.valueOf(range.from())), lit(Date.valueOf(range.to()))));
    String[] enrichment =
        Arrays.stream(table.columns())
            .filter(AlbColumns.ENRICHMENT::contains)
            .toArray(String[]::new);
    return fromParsed(table.drop(enrichment), mapping);
  }

  /**
   * The seam of {@code --source raw}: requests as the ALB reader parses them (the columns of
   * AlbLogSchema), enriched exactly as raw-to-processed does. The caller filters nothing: the
   * aggregates keep only the dates of the range.
   */
  static Dataset<Row> fromParsed(Dataset<Row> parsed, AlbApiMapping mapping) {
    return SilverAlb.enrich(parsed, mapping);
  }

  /**
   * {@code --source raw}: ALB files under {@code input} (a file, folder or AWSLogs/ prefix), only
   * the date folders of the range plus the next day (late deliveries), rows kept by {@code time}.
   */
  static Dataset<Row> raw(SparkSession spark, String input, DateRange range, AlbApiMapping mapping) {
    AlbReadRequest request = AlbReadRequest.between(input, range.from(), range.to());
    return fromParsed(AlbLogReader.read(spark, request).rows(), mapping);
  }
}
