package dev.loglake.jobs.albstatus;

import dev.loglake.common.alb.AlbInputs;
import dev.loglake.common.alb.AlbLineSource;
import dev.loglake.common.alb.AlbLogReader;
import dev.loglake.common.alb.AlbReadRequest;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.gold.AlbStatus;
import dev.loglake.common.io.DeltaInputs;
import dev.loglake.common.silver.AlbColumns;
import java.util.Map;
import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The ALB requests alb-status aggregates, from the processed table or from raw files. */
final class AlbRequestsSource {

  /** The processed table's name under the processed zone. */
  static final String TABLE = "alb_requests";

  private AlbRequestsSource() {}

  /** Both tables of the run's range, and input_files/input_bytes of what they were built from. */
  record Aggregated(AlbStatus.Tables tables, Map<String, Object> inputFigures) {
    long inputBytes() {
      return ((Number) inputFigures.get("input_bytes")).longValue();
    }
  }

  /**
   * Aggregates the requests of the run's source. A range without any input fails ({@link
   * EtlErrors#noInput}) unless {@code allow-empty}: an empty report for a wrong path or date would
   * look like a load balancer without traffic.
   */
  static Aggregated aggregate(SparkSession spark, AlbStatusConfig config) {
    DateRange range = config.range();
    if (config.source() == AlbStatusConfig.Source.RAW) {
      AlbLineSource lines = raw(spark, config.input().orElse(config.etl().zones().raw()), range);
      AlbInputs inputs = lines.inputs();
      if (inputs.filesInRange() == 0 && !config.allowEmpty()) {
        throw EtlErrors.noInput(
            "ALB log files", range.toString(), "under " + inputs.path(), inputs.seen());
      }
      return new Aggregated(
          AlbStatus.aggregate(lines, config.mapping(), range), inputs.figures());
    }
    String path = LakeZones.join(config.etl().zones().processed(), TABLE);
    Dataset<Row> requests = processed(spark, config.etl().zones(), range);
    DeltaInputs.Figures figures = DeltaInputs.of(spark, path, AlbColumns.DATE, range.from(), range.to());
    if (figures.files() == 0 && !config.allowEmpty()) {
      String table = "processed." + TABLE;
      throw EtlErrors.noInput(
          "ALB requests",
          range.toString(),
          "in " + table + " at " + path,
          DeltaInputs.describeDates(
              table, DeltaInputs.partitionValues(spark, path, AlbColumns.DATE)));
    }
    return new Aggregated(
        AlbStatus.aggregate(requests, config.mapping(), range), figures.toMap());
  }

  /**
   * The requests of {@code range} from the Delta table {@code processed/alb_requests} (partitioned
   * by {@code date}, so only the range's partitions are read; only {@link AlbStatus#INPUT_COLUMNS}
   * are read from Parquet). The table's stored API columns are not used: the aggregation maps the
   * target groups again with today's mapping, so a changed {@code loglake.alb.apis} applies to
   * every rerun and both sources give identical results.
   */
  private static Dataset<Row> processed(SparkSession spark, LakeZones zones, DateRange range) {
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
   * {@code --source raw}: ALB files under {@code input} (a file, any folder of them, or an AWSLogs/
   * prefix): the files of the range plus the next day's first ones (the range's last minutes), for
   * the aggregation to fold as it parses them (no row per line); lines are kept by {@code time}.
   */
  private static AlbLineSource raw(SparkSession spark, String input, DateRange range) {
    return AlbLogReader.lines(spark, AlbReadRequest.between(input, range.from(), range.to()));
  }
}
