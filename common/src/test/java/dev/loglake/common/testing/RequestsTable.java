package dev.loglake.common.testing;

import static dev.loglake.common.testing.Rows.row;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A small Delta table for catalog tests: nested, decimal and timestamp columns, mixed-case names, a
 * column comment, and the partition column {@code date} in the middle of the schema.
 */
public final class RequestsTable {

  public static final StructType SCHEMA = Rows.schema("request_id STRING, Client_IP STRING COMMENT 'v4 or v6', "
      + "bytes BIGINT, date DATE, amount DECIMAL(12,2), ts TIMESTAMP, tags ARRAY<STRING>, "
      + "attrs MAP<STRING, INT>, geo STRUCT<Lat: DOUBLE, lon: DOUBLE>");

  private RequestsTable() {}

  /** Two rows partitioned by date, at {@code path}. */
  public static void write(SparkSession spark, String path) {
    Rows.of(spark, SCHEMA,
            row("r1", "10.0.0.1", 100L, Date.valueOf("2024-03-10"), new BigDecimal("1.50"),
                Timestamp.valueOf("2024-03-10 10:00:00"), List.of("a"), Map.of("k", 1), row(52.5, 13.4)),
            row("r2", "10.0.0.2", 200L, Date.valueOf("2024-03-11"), new BigDecimal("2.25"),
                Timestamp.valueOf("2024-03-11 11:00:00"), List.of(), Map.of(), row(48.1, 11.6)))
        .write().format("delta").partitionBy("date").mode("overwrite").save(path);
  }

  /** A local path as Spark qualifies it: {@code file:/...}. */
  public static String uri(String path) {
    return "file:" + Path.of(path).toAbsolutePath();
  }
}
