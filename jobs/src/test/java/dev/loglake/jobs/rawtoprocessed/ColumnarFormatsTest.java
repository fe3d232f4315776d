package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Avro and ORC files through raw-to-processed: a file of the declared columns, one with an extra
 * column and one missing a column, under both schema-evolution modes.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class ColumnarFormatsTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"avro", "orc"})
  void strictQuarantinesTheExtraColumnsRowsAndNullsTheMissingColumn(String format, SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path normal = lake.writeWithSpark(declared(spark), format, "strict/normal." + format);
    Path extra = lake.writeWithSpark(withExtra(spark), format, "strict/extra." + format);
    Path missing = lake.writeWithSpark(withoutNote(spark), format, "strict/missing." + format);

    run(spark, lake, format, "strict", "strict");

    assertRows(lake.table(spark, "processed/strict").select("id", "n", "note", "_line_number"),
        row("a", 1, "x", null), row("c", 3, null, null));
    assertRows(lake.table(spark, "processed/_quarantine/strict").select("reason", "raw"),
        row("schema:unknown-field:colour", "{\"id\":\"b\",\"n\":2,\"note\":\"y\",\"colour\":\"red\"}"));
    assertRows(ledger(lake, spark),
        row("extra." + format, Files.size(extra), "committed", null, 1L),
        row("missing." + format, Files.size(missing), "committed", null, 1L),
        row("normal." + format, Files.size(normal), "committed", null, 1L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"avro", "orc"})
  void addColumnsKeepsTheExtraColumnAndNullsTheMissingOne(String format, SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    lake.writeWithSpark(declared(spark), format, "evolving/normal." + format);
    lake.writeWithSpark(withExtra(spark), format, "evolving/extra." + format);
    lake.writeWithSpark(withoutNote(spark), format, "evolving/missing." + format);

    run(spark, lake, format, "evolving", "add-columns");

    assertRows(lake.table(spark, "processed/evolving").select("id", "n", "note", "colour"),
        row("a", 1, "x", null), row("b", 2, "y", "red"), row("c", 3, null, null));
    assertRows(lake.table(spark, "processed/_quarantine/evolving").select("reason"));
  }

  private static void run(SparkSession spark, TestLake lake, String format, String name, String evolution)
      throws Exception {
    Path conf = lake.write("../" + name + ".conf", "loglake.datasets." + name + " { raw { path = " + name
        + ", format = " + format + " }, schema = [{ name = id, nullable = false }, { name = n, type = int },"
        + " { name = note }], key = [id], schema-evolution = " + evolution + " }");
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", name));
  }

  static Dataset<Row> ledger(TestLake lake, SparkSession spark) {
    return lake.table(spark, "processed/_ledger")
        .selectExpr("regexp_extract(path, '[^/]+$', 0)", "size", "status", "replace(error, path, '<file>')", "rows");
  }

  private static Dataset<Row> declared(SparkSession spark) {
    return Rows.of(spark, Rows.schema("id STRING, n INT, note STRING"), row("a", 1, "x"));
  }

  private static Dataset<Row> withExtra(SparkSession spark) {
    return Rows.of(spark, Rows.schema("id STRING, n INT, note STRING, colour STRING"), row("b", 2, "y", "red"));
  }

  private static Dataset<Row> withoutNote(SparkSession spark) {
    return Rows.of(spark, Rows.schema("id STRING, n INT"), row("c", 3));
  }
}
