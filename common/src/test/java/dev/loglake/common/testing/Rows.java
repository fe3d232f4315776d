package dev.loglake.common.testing;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Tiny literal datasets for tests: {@code Rows.of(spark, schema, row(1, "a"), row(2, "b"))}. */
public final class Rows {

  private Rows() {}

  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  public static Dataset<Row> of(SparkSession spark, StructType schema, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), schema);
  }

  public static Dataset<Row> of(SparkSession spark, StructType schema, List<Row> rows) {
    return spark.createDataFrame(rows, schema);
  }

  /** A schema from a DDL string, e.g. {@code "id INT, name STRING"}. */
  public static StructType schema(String ddl) {
    return StructType.fromDDL(ddl);
  }
}
