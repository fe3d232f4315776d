package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.core.JobResult;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ALB logs through raw-to-processed into alb_requests, and alb-status from both sources. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class AlbIngestionTest {

  static final String DIR = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/";
  static final String NAME = "123456789012_elasticloadbalancing_us-east-1_app.lb.abc_%s_10.0.0.1_r%s.log.gz";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/%s/6d0ecf831eec9f09";

  static String line(String time, String target, String times, int elb, String tgt, String tg, String actions) {
    String arn = tg.equals("-") ? "-" : String.format(TG, tg);
    return "https " + time + " app/lb/abc 203.0.113.9:5000 " + target + " " + times + " " + elb + " " + tgt
        + " 100 200 \"GET https://api.example.com:443/v1/x HTTP/1.1\" \"ua\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
        + arn + " \"Root=1-abc\" \"api.example.com\" \"-\" 0 " + time + " \"" + actions + "\" \"-\" \"-\" \""
        + target + "\" \"" + tgt + "\" \"-\" \"-\" TID_0123 \"-\" \"-\" \"-\"";
  }

  static final String DAY_FILE =
      String.join("\n",
          line("2024-03-10T10:00:01.000000Z", "10.0.1.1:80", "0.001 0.040 0.000", 200, "200", "payments-tg", "forward"),
          line("2024-03-10T10:00:02.000000Z", "10.0.1.1:80", "0.001 0.060 0.000", 200, "200", "payments-tg", "forward"),
          line("2024-03-10T10:01:00.000000Z", "10.0.1.2:80", "0.001 0.500 0.000", 503, "503", "orders-tg", "forward"),
          line("2024-03-10T10:02:00.000000Z", "-", "-1 -1 -1", 460, "-", "orders-tg", "forward"),
          line("2024-03-10T10:03:00.000000Z", "-", "-1 -1 -1", 301, "-", "-", "redirect"),
          "garbage that is not an ALB line");
  static final String LATE_FILE =
      line("2024-03-10T23:59:59.900000Z", "10.0.1.1:80", "0.001 0.020 0.000", 200, "200", "payments-tg", "forward");

  @TempDir Path dir;

  @Test
  void ingestsAlbLogsIntoAlbRequestsWithApiColumnsAndQuarantinesBadLines(SparkSession spark) throws Exception {
    TestLake lake = lakeWithLogs();

    JobResult result = ingest(spark, lake);

    assertRows(
        lake.table(spark, "processed/alb_requests")
            .select("time", "api", "elb_status_code", "target_status_code", "target_processing_time", "status_class", "elb_generated", "date", "hour"),
        row(ts("2024-03-10 10:00:01"), "payments", 200, 200, 0.04, "2xx", false, day(10), 10),
        row(ts("2024-03-10 10:00:02"), "payments", 200, 200, 0.06, "2xx", false, day(10), 10),
        row(ts("2024-03-10 10:01:00"), "orders", 503, 503, 0.5, "5xx", false, day(10), 10),
        row(ts("2024-03-10 10:02:00"), "orders", 460, null, -1.0, "4xx", true, day(10), 10),
        row(ts("2024-03-10 10:03:00"), "(load balancer)", 301, null, -1.0, "3xx", true, day(10), 10),
        row(Timestamp.valueOf("2024-03-10 23:59:59.9"), "payments", 200, 200, 0.02, "2xx", false, day(10), 23));
    assertRows(
        lake.table(spark, "processed/_quarantine/alb_logs").select("line_number", "reason", "raw"),
        row(6L, "malformed_alb", "garbage that is not an ALB line"));
    assertThat(figures(result)).containsEntry("files", 2L).containsEntry("rows_read", 7L)
        .containsEntry("rows_written", 6L).containsEntry("rows_quarantined", 1L)
        .containsEntry("partitions", List.of("2024-03-10"));
  }

  @Test
  void redeliveredAlbFileAddsNoRows(SparkSession spark) throws Exception {
    TestLake lake = lakeWithLogs();
    ingest(spark, lake);
    lake.writeGzip(DIR + "2024/03/10/" + String.format(NAME, "20240310T1005Z", "copy"), DAY_FILE);

    JobResult again = ingest(spark, lake);

    assertThat(figures(again)).containsEntry("files", 1L).containsEntry("rows_written", 0L).containsEntry("rows_duplicate", 5L);
    assertThat(lake.table(spark, "processed/alb_requests").count()).isEqualTo(6);
  }

  @Test
  void aReTouchedFileAfterAMergeCountsItsRowsAsDuplicatesNotAsTheLastMergesFigure(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path dayFile = lake.writeGzip(DIR + "2024/03/10/" + String.format(NAME, "20240310T1005Z", "1"), DAY_FILE);
    ingest(spark, lake); // creates alb_requests
    lake.writeGzip(DIR + "2024/03/11/" + String.format(NAME, "20240311T0000Z", "2"), LATE_FILE);
    assertThat(figures(ingest(spark, lake))).containsEntry("rows_written", 1L); // a MERGE that inserts 1 row
    java.nio.file.Files.setLastModifiedTime(dayFile, java.nio.file.attribute.FileTime.from(
        java.nio.file.Files.getLastModifiedTime(dayFile).toInstant().plusSeconds(60)));

    JobResult touched = ingest(spark, lake);

    // Every valid line is in the table already: the MERGE inserts nothing and makes no commit.
    assertThat(figures(touched)).containsEntry("files", 1L).containsEntry("rows_read", 6L)
        .containsEntry("rows_written", 0L).containsEntry("rows_quarantined", 1L).containsEntry("rows_duplicate", 5L);
    assertRows(
        lake.table(spark, "processed/_runs").where("dataset = 'alb_logs'")
            .select("files", "rows_read", "rows_written", "rows_quarantined", "rows_duplicate"),
        row(1L, 6L, 5L, 1L, 0L), row(1L, 1L, 1L, 0L, 0L), row(1L, 6L, 0L, 1L, 5L));
    assertThat(lake.table(spark, "processed/alb_requests").count()).isEqualTo(6);
  }

  @Test
  void reprocessingADayAfterAnotherDaysMergeCountsItsRowsAsDuplicates(SparkSession spark) throws Exception {
    TestLake lake = lakeWithLogs();
    ingest(spark, lake); // creates alb_requests with both days
    lake.writeGzip(DIR + "2024/03/11/" + String.format(NAME, "20240311T0105Z", "3"),
        line("2024-03-11T01:00:00.000000Z", "10.0.1.1:80", "0.001 0.020 0.000", 200, "200", "payments-tg", "forward"));
    assertThat(figures(ingest(spark, lake))).containsEntry("rows_written", 1L); // a MERGE that inserts 1 row

    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    JobResult again = job.run(spark, lake.config(job, "--datasets", "alb_logs", "--reprocess", "--from", "2024-03-10", "--to", "2024-03-10"));

    // The day's rows are all in the table: nothing written, no commit, so not the 03-11 MERGE's 1.
    assertThat(figures(again)).containsEntry("files", 1L).containsEntry("rows_read", 6L).containsEntry("rows_written", 0L)
        .containsEntry("rows_quarantined", 1L).containsEntry("rows_duplicate", 5L);
    assertThat(lake.table(spark, "processed/alb_requests").count()).isEqualTo(7);
  }

  @Test
  void twoRunsAtOnceOnTheSameNewFilesBothSucceedAndWriteEveryKeyOnce(SparkSession spark) throws Exception {
    TestLake lake = lakeWithLogs();
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<JobResult>> runs = new java.util.ArrayList<>();
      for (int i = 0; i < 2; i++) {
        SparkSession session = spark.newSession(); // each run its own session conf, as in its own JVM
        runs.add(pool.submit(() -> {
          start.await();
          return ingest(session, lake);
        }));
      }
      for (java.util.concurrent.Future<JobResult> run : runs) {
        JobResult r = run.get();
        assertThat(r.status()).isEqualTo(JobResult.Status.SUCCEEDED);
        assertThat(figures(r)).containsEntry("rows_read", 7L).containsEntry("rows_quarantined", 1L);
      }
      // Between them the two runs wrote each row once: one wrote it, the other found it there.
      assertThat(runs.stream().mapToLong(r -> (Long) figures(join(r)).get("rows_written")).sum()).isEqualTo(6L);
    } finally {
      pool.shutdownNow();
    }
    Dataset<Row> requests = lake.table(spark, "processed/alb_requests");
    assertThat(requests.count()).isEqualTo(6);
    assertThat(requests.select("_record_key").distinct().count()).isEqualTo(6);
  }

  private static JobResult join(java.util.concurrent.Future<JobResult> run) {
    try {
      return run.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void albStatusFromRawFilesEqualsAlbStatusFromTheProcessedTable(SparkSession spark) throws Exception {
    TestLake lake = lakeWithLogs();
    ingest(spark, lake);
    AlbStatusJob job = new AlbStatusJob(TestLake.CLOCK);

    JobResult processed = job.run(spark, lake.config(job, "--date", "2024-03-10"));
    List<Row> fromProcessed = lake.table(spark, "curated/alb_status_daily").collectAsList();
    List<Row> hourlyFromProcessed = lake.table(spark, "curated/alb_status_hourly").collectAsList();
    JobResult raw = job.run(spark, lake.config(job, "--date", "2024-03-10", "--source", "raw", "--input", lake.raw("AWSLogs").toString()));

    assertThat(fromProcessed).hasSize(3);
    assertRows(lake.table(spark, "curated/alb_status_daily"), fromProcessed);
    assertThat(hourlyFromProcessed).hasSize(4);
    assertRows(lake.table(spark, "curated/alb_status_hourly"), hourlyFromProcessed);
    // The raw run says what it could not use: the garbage line raw-to-processed quarantined.
    assertThat(raw.figures()).containsEntry("rejected_lines", 1L).containsEntry("unreadable_files", 0L);
    assertThat(processed.figures()).doesNotContainKey("rejected_lines");
    assertRows(
        lake.table(spark, "curated/alb_status_daily").select("api", "requests", "status_2xx", "status_5xx", "elb_5xx", "client_closed_460"),
        row("payments", 3L, 3L, 0L, 0L, 0L),
        row("orders", 2L, 0L, 1L, 0L, 1L),
        row("(load balancer)", 1L, 0L, 0L, 0L, 0L));
  }

  @Test
  void truncatedGzipFileIsRecordedFailedAndNoneOfItsRowsAreWritten(SparkSession spark) throws Exception {
    TestLake lake = lakeWithLogs();
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      for (int i = 0; i < 2000; i++) {
        out.write((line(String.format("10:%02d:%02d.000000Z", i / 60 % 60, i % 60), "10.0.1.1:80", "0.001 0.040 0.000",
            200, "200", "search-tg", "forward") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] bytes = gz.toByteArray();
    java.nio.file.Files.write(lake.raw(DIR + "2024/03/10/" + String.format(NAME, "20240310T1010Z", "cut")),
        java.util.Arrays.copyOf(bytes, bytes.length - 40));

    JobResult result = ingest(spark, lake);

    assertThat(figures(result)).containsEntry("files", 3L).containsEntry("files_failed", 1L)
        .containsEntry("rows_written", 6L).containsEntry("rows_duplicate", 0L);
    assertThat(lake.table(spark, "processed/alb_requests").where("api = 'search'").count()).isZero();

    // alb-status from the raw files agrees: none of the broken file's lines count, and it says so.
    AlbStatusJob status = new AlbStatusJob(TestLake.CLOCK);
    JobResult fromProcessed = status.run(spark, lake.config(status, "--date", "2024-03-10"));
    List<Row> daily = lake.table(spark, "curated/alb_status_daily").collectAsList();
    JobResult fromRaw = status.run(spark, lake.config(status, "--date", "2024-03-10", "--source", "raw",
        "--input", lake.raw("AWSLogs").toString()));
    assertRows(lake.table(spark, "curated/alb_status_daily"), daily);
    assertThat(fromRaw.figures()).containsEntry("unreadable_files", 1L).containsEntry("rejected_lines", 1L)
        .containsEntry("requests", fromProcessed.figures().get("requests"));
    assertThat(fromRaw.figures().get("requests")).isEqualTo(6L);
  }

  private TestLake lakeWithLogs() throws Exception {
    TestLake lake = new TestLake(dir);
    lake.writeGzip(DIR + "2024/03/10/" + String.format(NAME, "20240310T1005Z", "1"), DAY_FILE);
    lake.writeGzip(DIR + "2024/03/11/" + String.format(NAME, "20240311T0000Z", "2"), LATE_FILE);
    lake.write("AWSLogs/123456789012/ELBAccessLogTestFile", "Enable AccessLog for ELB: lb at 2024-03-10T00:00:00.000Z");
    lake.writeGzip(DIR + "2024/03/10/conn_log.123456789012_elasticloadbalancing_us-east-1_app.lb.abc_20240310T1005Z_10.0.0.1_c.log.gz", "not an access log");
    return lake;
  }

  private static JobResult ingest(SparkSession spark, TestLake lake) {
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    return job.run(spark, lake.config(job, "--datasets", "alb_logs", "--from", "2024-03-10", "--to", "2024-03-11"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(JobResult result) {
    return TestLake.checkedFigures((Map<String, Object>) ((Map<String, Object>) result.figures().get("datasets")).get("alb_logs"));
  }

  private static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }

  private static Date day(int d) {
    return Date.valueOf(String.format("2024-03-%02d", d));
  }
}
