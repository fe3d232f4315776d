package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every raw format a dataset can declare, and format = auto, through raw-to-processed. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class RawFormatsTest {

  static final String DATASETS = String.join("\n",
      "loglake.datasets {",
      "  arrays { raw { path = arrays, format = json, json.layout = array }, schema = [{ name = id, nullable = false }, { name = n, type = int }], key = [id] }",
      "  lines { raw { path = lines, format = text }, schema = [{ name = value }] }",
      "  columnar { raw { path = columnar, format = parquet }, schema = [{ name = id }, { name = n, type = int }], key = [id] }",
      "  mixed { raw { path = mixed, format = auto }, schema = [{ name = id }, { name = n, type = int }], key = [id] }",
      "}");

  @TempDir Path dir;

  @Test
  void addColumnsEvolutionAddsNewSourceFieldsAndOptimizeCompactsTheTable(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../evolving.conf",
        "loglake.datasets.evolving { raw { path = ev, format = json }, schema = [{ name = id }], key = [id],"
            + " schema-evolution = add-columns }");
    lake.write("ev/1.json", "{\"id\": \"a\"}");
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "evolving"));
    lake.write("ev/2.json", "{\"id\": \"b\", \"colour\": \"red\"}");

    job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "evolving"));
    var optimized = job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "evolving", "--optimize"));

    assertRows(lake.table(spark, "processed/evolving").select("id", "colour"), row("a", null), row("b", "red"));
    org.assertj.core.api.Assertions.assertThat(optimized.figures().get("optimized").toString())
        .contains("processed/evolving={files_added=1, files_removed=2");
  }

  @Test
  void readsJsonArraysTextParquetAndAutoDetectedFiles(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../datasets.conf", DATASETS);
    lake.write("arrays/a.json", "[\n  {\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\", \"n\": \"x\"}\n]");
    lake.write("lines/l.txt", "first line\nsecond line\n");
    Rows.of(spark, Rows.schema("id STRING, n STRING"), row("p", "7"), row("q", "seven"))
        .coalesce(1).write().parquet(lake.raw("columnar").toString());
    lake.writeGzip("mixed/m.json.gz", "{\"id\": \"j\", \"n\": 3}");
    Rows.of(spark, Rows.schema("id STRING, n INT"), row("k", 4)).coalesce(1).write().parquet(lake.raw("mixed/m").toString());

    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "arrays,lines,columnar,mixed"));

    assertRows(lake.table(spark, "processed/arrays").select("id", "n", "_line_number"), row("a", 1, 2L));
    assertRows(lake.table(spark, "processed/_quarantine/arrays").select("line_number", "reason"), row(3L, "bad_type:n"));
    assertRows(lake.table(spark, "processed/lines").select("value", "_line_number"), row("first line", 1L), row("second line", 2L));
    assertRows(lake.table(spark, "processed/columnar").select("id", "n"), row("p", 7));
    assertRows(lake.table(spark, "processed/_quarantine/columnar").select("reason"), row("bad_type:n"));
    assertRows(lake.table(spark, "processed/mixed").select("id", "n"), row("j", 3), row("k", 4));
  }
}
