package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks a raw file passes before its rows are read: max-file-bytes, empty files, and a
 * file whose content is not the dataset's format. Each is one ledger row; the run goes on.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class RawFileChecksTest {

  static final String DATASETS = String.join("\n",
      "loglake.datasets {",
      "  limited { raw { path = limited, format = json }, schema = [{ name = id }], key = [id], max-file-bytes = 40 }",
      "  events { raw { path = events, format = json }, schema = [{ name = id }], key = [id] }",
      "  table { raw { path = table, format = csv }, schema = [{ name = id }, { name = n, type = int }], key = [id] }",
      "  columns { raw { path = columns, format = parquet }, schema = [{ name = id }, { name = n, type = int }], key = [id] }",
      "  nothing { raw { path = nothing, format = parquet }, schema = [{ name = id }], key = [id] }",
      "}");

  @TempDir Path dir;

  @Test
  void fileOverMaxFileBytesIsRecordedAsFailedUnreadAndTheOthersAreIngested(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path small = lake.write("limited/small.json", "{\"id\": \"a\"}\n");
    Path big = lake.write("limited/big.json", "{\"id\": \"b\"}\n{\"id\": \"c\"}\n{\"id\": \"d\"}\n{\"id\": \"e\"}\n");

    Map<String, Object> figures = figures(run(spark, lake, "limited"), "limited");

    assertRows(lake.table(spark, "processed/limited").select("id"), row("a"));
    assertRows(ColumnarFormatsTest.ledger(lake, spark),
        row("big.json", Files.size(big), "failed", "<file> is 48 bytes, over the dataset's max-file-bytes of 40;"
            + " it was not read. Split the file, or raise loglake.datasets.limited.max-file-bytes and run again", 0L),
        row("small.json", Files.size(small), "committed", null, 1L));
    assertThat(figures).containsEntry("status", "SUCCEEDED").containsEntry("files", 2L)
        .containsEntry("files_failed", 1L).containsEntry("rows_read", 1L);
    assertThat(((Map<?, ?>) figures.get("failed_files")).keySet()).singleElement().asString().endsWith("/big.json");
  }

  @Test
  void emptyFilesAreCommittedWithNoRows(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    lake.write("events/empty.json", "");
    Path gz = lake.writeGzip("events/nothing.json.gz", "");
    Path one = lake.write("events/one.json", "{\"id\": \"a\"}\n");
    lake.write("nothing/empty.parquet", "");

    JobResult result = run(spark, lake, "events,nothing");

    assertRows(lake.table(spark, "processed/events").select("id"), row("a"));
    assertRows(ColumnarFormatsTest.ledger(lake, spark),
        row("empty.json", 0L, "committed", null, 0L),
        row("nothing.json.gz", Files.size(gz), "committed", null, 0L),
        row("one.json", Files.size(one), "committed", null, 1L),
        row("empty.parquet", 0L, "committed", null, 0L));
    assertThat(figures(result, "nothing")).containsEntry("status", "SUCCEEDED").containsEntry("files", 1L)
        .containsEntry("files_failed", 0L).containsEntry("rows_read", 0L);
  }

  @Test
  void fileOfAnotherFormatFailsWithWhatWasFoundAndWhatWasExpected(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    // gzip-compressed JSON under a plain .json name is JSON: read by its magic bytes.
    Path gzipped = lake.raw("events/gzipped.json");
    Files.createDirectories(gzipped.getParent());
    Files.write(gzipped, TestLake.gzipOf("{\"id\": \"g\"}\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Path garbage = lake.raw("events/garbage.json");
    Files.write(garbage, new byte[] {(byte) 0x89, 0x00, 0x13, (byte) 0xfe, 0x00, 0x7f, 0x01, 0x02});
    Path parquet = lake.writeWithSpark(
        Rows.of(spark, Rows.schema("id STRING, n INT"), row("p", 1)), "parquet", "table/data.csv");
    Path csv = lake.write("table/ok.csv", "id,n\nt,2\n");
    Path text = lake.write("columns/rows.parquet", "id,n\nq,3\n");
    Path real = lake.writeWithSpark(
        Rows.of(spark, Rows.schema("id STRING, n INT"), row("r", 4)), "parquet", "columns/real.parquet");

    JobResult result = run(spark, lake, "events,table,columns");

    assertRows(lake.table(spark, "processed/events").select("id"), row("g"));
    assertRows(lake.table(spark, "processed/table").select("id", "n"), row("t", 2));
    assertRows(lake.table(spark, "processed/columns").select("id", "n"), row("r", 4));
    String fix = " its dataset's raw.format declares; remove the file from the dataset's raw path, or set raw.format"
        + " to the files' format (auto detects it per file)";
    assertRows(ColumnarFormatsTest.ledger(lake, spark),
        row("garbage.json", Files.size(garbage), "failed", "<file> holds binary data, not the json" + fix, 0L),
        row("gzipped.json", Files.size(gzipped), "committed", null, 1L),
        row("data.csv", Files.size(parquet), "failed", "<file> holds a Parquet file, not the csv" + fix, 0L),
        row("ok.csv", Files.size(csv), "committed", null, 1L),
        row("rows.parquet", Files.size(text), "failed", "<file> holds text starting \"id,n\", not the parquet" + fix, 0L),
        row("real.parquet", Files.size(real), "committed", null, 1L));
    assertThat(figures(result, "columns")).containsEntry("status", "SUCCEEDED").containsEntry("files_failed", 1L);
  }

  private static JobResult run(SparkSession spark, TestLake lake, String datasets) throws Exception {
    Path conf = lake.write("../checks.conf", DATASETS);
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    return job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", datasets));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(JobResult result, String dataset) {
    return TestLake.checkedFigures((Map<String, Object>) ((Map<String, Object>) result.figures().get("datasets")).get(dataset));
  }
}
