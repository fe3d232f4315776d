package dev.loglake.common.alb;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.DatasetAssert.assertSchema;
import static dev.loglake.common.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class AlbLogReaderTest {

  private static final String REGION = "AWSLogs/123456789012/elasticloadbalancing/us-east-1";
  private static final String NAME =
      "123456789012_elasticloadbalancing_us-east-1_app.lb.50dc6c495c0c9188_%s_10.0.0.1_x%d.log";

  @TempDir Path dir;

  @Test
  void readsGzipAndPlainLogsSkipsOtherObjectsAndSplitsOutRejects(SparkSession spark)
      throws IOException {
    Path day = Files.createDirectories(dir.resolve(REGION + "/2024/03/01"));
    Path gz = write(day.resolve(String.format(NAME, "20240301T1000Z", 1) + ".gz"),
        line("2024-03-01T10:00:00.000001Z", 1), "GET / HTTP/1.1 garbage");
    Path plain = write(day.resolve(String.format(NAME, "20240301T1005Z", 2)),
        line("2024-03-01T10:04:00.5Z", 2));
    write(dir.resolve("AWSLogs/123456789012/ELBAccessLogTestFile"),
        "Enable AccessLog for ELB: lb at 2024-03-01T09:00:00.000Z");
    write(day.resolve("conn_log." + String.format(NAME, "20240301T1000Z", 3) + ".gz"), "conn");
    write(day.resolve("notes.txt"), "not a log");

    AlbReadResult result = AlbLogReader.read(spark, AlbReadRequest.all(dir.toString()));

    assertSchema(result.rows(), AlbLogSchema.schemaWithLineage());
    assertThat(nonNullable(result.rows())).containsExactly("type", "time", "elb", "client_ip",
        "_source_file", "_line_number");
    assertRows(result.rows(),
        expectedRow(line("2024-03-01T10:00:00.000001Z", 1), gz, 1),
        expectedRow(line("2024-03-01T10:04:00.5Z", 2), plain, 1));
    assertSchema(result.rejects(), AlbLogSchema.rejectSchema());
    assertRows(result.rejects(), row(uri(gz), 2L,
        "field 1 type: not an ALB entry type (http, https, h2, grpcs, ws, wss): 'GET'",
        "GET / HTTP/1.1 garbage"));
  }

  @Test
  void listsOnlyTheRequestedDaysPlusTheNextAndKeepsRowsByTime(SparkSession spark)
      throws IOException {
    Path region = Files.createDirectories(dir.resolve(REGION));
    writeDay(region, "2024/02/29", "garbage that would be a reject if listed");
    Path mar1 = writeDay(region, "2024/03/01",
        line("2024-03-01T10:00:00Z", 10), line("2024-02-29T23:59:59.999999Z", 11));
    Path mar2 = writeDay(region, "2024/03/02",
        line("2024-03-01T23:58:00Z", 20), line("2024-03-02T00:00:00Z", 21), "next-day reject");
    writeDay(region, "2024/03/03", "garbage that would be a reject if listed");
    AlbReadRequest request =
        AlbReadRequest.between(dir.resolve("AWSLogs").toString(), day(1), day(1));

    AlbFileLister.Listing listing =
        AlbFileLister.list(spark.sparkContext().hadoopConfiguration(), request);
    AlbReadResult result = AlbLogReader.read(spark, request).persist(StorageLevel.MEMORY_ONLY());

    assertThat(listing.listedFolders()).filteredOn(f -> f.matches(".*/\\d{4}/\\d{2}/\\d{2}"))
        .containsExactly(uri(region.resolve("2024/03/01")), uri(region.resolve("2024/03/02")));
    assertRows(result.rows().select("time", "client_port", "_source_file", "_line_number"),
        row(ts("2024-03-01T10:00:00Z"), 10, uri(mar1), 1L),
        row(ts("2024-03-01T23:58:00Z"), 20, uri(mar2), 1L));
    assertRows(result.rejects());
    result.unpersist();
  }

  @Test
  void readsFiveColumnsThroughFormatAlbWithPruning(SparkSession spark) throws IOException {
    Path day = writeDay(Files.createDirectories(dir.resolve(REGION)), "2024/03/01",
        line("2024-03-01T10:00:00Z", 7), "junk");

    Dataset<Row> five = spark.read().format("alb").load(dir.toString())
        .select("elb_status_code", "request_url", "actions_executed", "target_status_code_list",
            "_reject_reason");

    assertThat(five.queryExecution().executedPlan().toString()).contains("columns=5");
    assertRows(five,
        row(200, "http://www.example.com:80/a b", List.of("waf", "forward"), List.of(200), null),
        row(null, null, null, null, "field 1 type: not an ALB entry type (http, https, h2, grpcs, ws, wss): 'junk'"));
    assertThat(day).exists();
  }

  @Test
  void packsSmallFilesIntoFewPartitionsWithExactLineage(SparkSession spark) throws IOException {
    Path day = Files.createDirectories(dir.resolve(REGION + "/2024/03/01"));
    List<Row> expected = new ArrayList<>();
    for (int f = 0; f < 6; f++) {
      Path file = day.resolve(String.format(NAME, "20240301T1000Z", f) + ".gz");
      write(file, line("2024-03-01T10:00:00Z", 10 * f + 1), "junk",
          line("2024-03-01T10:00:00Z", 10 * f + 3));
      expected.add(row(uri(file), 1L, 10 * f + 1));
      expected.add(row(uri(file), 3L, 10 * f + 3));
    }

    Dataset<Row> rows = AlbLogReader.read(spark, AlbReadRequest.all(dir.toString())).rows()
        .select("_source_file", "_line_number", "client_port");

    // 6 tiny files weigh 6 x openCostInBytes (4 MiB): two partitions of three files on local[2].
    assertThat(rows.rdd().getNumPartitions()).isEqualTo(2);
    assertRows(rows, expected);
  }

  @Test
  void reportsEachUnreadableFileAsOneFileErrorRowAndReadsTheOthers(SparkSession spark)
      throws IOException {
    Path day = Files.createDirectories(dir.resolve(REGION + "/2024/03/01"));
    String[] many = new String[3000];
    for (int i = 0; i < many.length; i++) {
      many[i] = line("2024-03-01T10:00:00Z", i);
    }
    Path truncated = write(day.resolve(String.format(NAME, "20240301T1000Z", 1) + ".gz"), many);
    byte[] whole = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path notGzip = write(day.resolve(String.format(NAME, "20240301T1000Z", 2)), "plain text");
    Path notGzipGz = Files.move(notGzip, day.resolve(notGzip.getFileName() + ".gz"));
    Path good1 = write(day.resolve(String.format(NAME, "20240301T1000Z", 3) + ".gz"),
        line("2024-03-01T10:00:00Z", 7), "junk");
    Path good2 = write(day.resolve(String.format(NAME, "20240301T1000Z", 4)),
        line("2024-03-01T11:00:00Z", 8));

    spark.conf().set("spark.sql.files.minPartitionNum", "1"); // one task reads all four files
    try {
      AlbReadResult result = AlbLogReader.read(spark, AlbReadRequest.all(dir.toString()))
          .persist(StorageLevel.MEMORY_ONLY());

      assertThat(result.scan().rdd().getNumPartitions()).isEqualTo(1);
      assertRows(result.fileErrors(),
          row(uri(truncated), "java.io.EOFException: Unexpected end of ZLIB input stream"),
          row(uri(notGzipGz), "java.util.zip.ZipException: Not in GZIP format"));
      assertRows(result.rows().where(col("_source_file").isin(uri(good1), uri(good2)))
              .select("_source_file", "_line_number", "client_port"),
          row(uri(good1), 1L, 7), row(uri(good2), 1L, 8));
      assertRows(result.rejects().select("_source_file", "_line_number"), row(uri(good1), 2L));
      assertRows(result.scan().where(col("_file_error").isNotNull())
              .select("_line_number", "type", "time", "_reject_reason", "_raw_line"),
          row(0L, null, null, null, null), row(0L, null, null, null, null));
      // A truncated gzip fails where its data ends: the lines before stay, the error row says so.
      List<Row> partial = result.rows().where(col("_source_file").equalTo(uri(truncated)))
          .select("_line_number").orderBy("_line_number").collectAsList();
      assertThat(partial.size()).isLessThan(many.length);
      for (int i = 0; i < partial.size(); i++) {
        assertThat(partial.get(i).getLong(0)).isEqualTo(i + 1L);
      }
      result.unpersist();
    } finally {
      spark.conf().unset("spark.sql.files.minPartitionNum");
    }
  }

  private static String line(String time, int clientPort) {
    return "http " + time + " app/lb/50dc6c495c0c9188 192.168.131.39:" + clientPort
        + " 10.0.0.1:80 0.000 0.001 -1 200 200 34 366 \"GET http://www.example.com:80/a b HTTP/1.1\""
        + " \"curl/7.46.0\" - - arn:aws:elasticloadbalancing:us-east-2:1:targetgroup/t/73e2"
        + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 " + time
        + " \"waf,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"Acceptable\" \"SpaceInUri\" TID_1";
  }

  /** The whole expected row: values as the (golden-tested) parser gives them, plus lineage. */
  private static Row expectedRow(String line, Path file, long lineNumber) {
    AlbParseResult parsed = AlbParseResult.parse(line);
    List<Object> values = new ArrayList<>();
    for (Object v : parsed.values()) {
      values.add(v instanceof Instant i ? Timestamp.from(i) : v);
    }
    values.add(uri(file));
    values.add(lineNumber);
    return row(values.toArray());
  }

  private Path writeDay(Path region, String day, String... lines) throws IOException {
    Path folder = Files.createDirectories(region.resolve(day));
    return write(folder.resolve(String.format(NAME, day.replace("/", "") + "T0000Z", 1) + ".gz"),
        lines);
  }

  private static Path write(Path file, String... lines) throws IOException {
    byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = file.toString().endsWith(".gz")
        ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }

  private static List<String> nonNullable(Dataset<Row> ds) {
    List<String> out = new ArrayList<>();
    for (StructField f : ds.schema().fields()) {
      if (!f.nullable()) {
        out.add(f.name());
      }
    }
    return out;
  }

  private static String uri(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri()).toString().replaceAll("/$", "");
  }

  private static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  private static LocalDate day(int dayOfMarch) {
    return LocalDate.of(2024, 3, dayOfMarch);
  }
}
