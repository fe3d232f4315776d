package dev.loglake.common.io;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.silver.Silver;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The processed zone's {@code _quarantine/<dataset>} Delta tables: every rejected record with the
 * reason, the raw text, where it came from and which run saw it. Written idempotently (keyed by
 * source file, line and raw text), so a rerun does not quarantine a record twice.
 */
public final class Quarantine {

  public static final String DIR = "_quarantine";

  private Quarantine() {}

  public static String path(LakeZones zones, String dataset) {
    return LakeZones.join(zones.processed(), DIR, dataset);
  }

  /**
   * Writes the quarantined rows of a conformed batch ({@link Silver#conform} output with at least
   * one reason). {@code columns} are the declared columns, kept as JSON in {@code record}.
   *
   * @return rows newly quarantined
   */
  public static long write(
      SparkSession spark, LakeZones zones, String dataset, Dataset<Row> rejected, List<String> columns) {
    Column record =
        columns.isEmpty() ? lit(null).cast("string") : to_json(struct(columns.stream().map(c -> col(c)).toArray(Column[]::new)));
    Column id =
        sha2(concat_ws("\u0001", col("_source_file"), coalesce(col("_line_number").cast("string"), lit("")),
            coalesce(col("_raw"), record, lit(""))), 256);
    Dataset<Row> rows =
        rejected.select(
            id.as("_quarantine_id"),
            lit(dataset).as("dataset"),
            col(Silver.RUN_ID).as("run_id"),
            col("_source_file").as("source_file"),
            col("_line_number").as("line_number"),
            col(Silver.REASON).as("reason"),
            col(Silver.REASONS).as("reasons"),
            col("_raw").as("raw"),
            record.as("record"),
            col(Silver.INGESTED_AT).as("quarantined_at"),
            coalesce(col(Silver.DATE), to_date(col(Silver.INGESTED_AT))).as("date"));
    List<String> dates = List.of();
    return DeltaSink.insertNew(
        spark, path(zones, dataset), rows, "_quarantine_id", "date", dates, false, List.of());
  }
}
