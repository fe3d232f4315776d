package dev.loglake.tests;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.LocalS3;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * raw-to-processed and alb-status with every zone on {@code s3a://}, against S3Mock (a local
 * S3-compatible server) through the real S3A connector and Delta's S3 log store.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class S3aPipelineTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);
  static final String ALB = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/03/10/"
      + "123456789012_elasticloadbalancing_us-east-1_app.lb.abc_20240310T1005Z_10.0.0.1_r1.log.gz";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/%s/6d0ecf831eec9f09";

  static LocalS3 s3;

  @BeforeAll
  static void s3(@TempDir Path root, SparkSession spark) {
    s3 = LocalS3.start(root, "raw", "lake");
    s3.configureS3a(spark.sparkContext().hadoopConfiguration());
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void ingestsAndReportsWithEveryZoneOnS3a(SparkSession spark) throws Exception {
    FileSystem fs = FileSystem.get(java.net.URI.create("s3a://raw/"), spark.sparkContext().hadoopConfiguration());
    write(fs, "s3a://raw/events/web/year=2024/month=03/day=10/part-0.json", false,
        "{\"event_id\":\"e1\",\"event_ts\":\"2024-03-10T10:00:00Z\",\"method\":\"GET\",\"status\":200,\"client_ip\":\"198.51.100.23\"}\n"
            + "{\"event_id\":\"e2\",\"event_ts\":\"2024-03-10T11:00:00Z\",\"method\":\"GET\",\"status\":\"oops\"}\n");
    write(fs, "s3a://raw/" + ALB, true, alb("10:00:01", 200, "payments-tg") + "\n" + alb("10:00:02", 503, "orders-tg") + "\n");

    RawToProcessedJob ingest = new RawToProcessedJob(CLOCK);
    JobResult first = ingest.run(spark, config(ingest, "--datasets", "alb_logs,web_events"));
    JobResult second = ingest.run(spark, config(ingest, "--datasets", "alb_logs,web_events"));
    AlbStatusJob status = new AlbStatusJob(CLOCK);
    JobResult report = status.run(spark, config(status, "--date", "2024-03-10"));

    assertRows(spark.read().format("delta").load("s3a://lake/processed/web_events").select("event_id", "client_ip", "status"),
        row("e1", "198.51.100.0", 200));
    assertRows(spark.read().format("delta").load("s3a://lake/processed/_quarantine/web_events").select("line_number", "reason"),
        row(2L, "bad_type:status"));
    assertRows(spark.read().format("delta").load("s3a://lake/curated/alb_status_daily").select("api", "requests", "status_5xx"),
        row("payments", 1L, 0L), row("orders", 1L, 1L));
    assertThat(datasets(first, "alb_logs")).containsEntry("rows_written", 2L);
    assertThat(datasets(second, "web_events")).containsEntry("status", "NO_NEW_FILES");
    assertThat(report.figures().get("report_pdf")).isEqualTo("s3a://lake/reports/alb_api_status_report_2024-03-10.pdf");
    org.apache.hadoop.fs.Path pdf = new org.apache.hadoop.fs.Path((String) report.figures().get("report_pdf"));
    assertThat(pdf.getFileSystem(spark.sparkContext().hadoopConfiguration()).getFileStatus(pdf).getLen()).isGreaterThan(1000);
  }

  private static <C> C config(EtlJob<C> job, String... args) {
    List<String> all = new ArrayList<>(List.of("--conf-dir", Launcher.REPO.resolve("conf").toString(),
        "--loglake.zones.raw", "s3a://raw", "--loglake.zones.processed", "s3a://lake/processed",
        "--loglake.zones.curated", "s3a://lake/curated", "--loglake.zones.quality", "s3a://lake/quality",
        "--loglake.zones.reports", "s3a://lake/reports", "--from", "2024-03-10"));
    if (job instanceof RawToProcessedJob) {
      all.addAll(List.of("--to", "2024-03-11"));
    } else {
      all.remove("--from");
      all.remove("2024-03-10");
    }
    all.addAll(List.of(args));
    return job.config(EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), CLOCK));
  }

  private static String alb(String time, int status, String tg) {
    String t = "2024-03-10T" + time + ".000000Z";
    return "http " + t + " app/lb/abc 203.0.113.9:5000 10.0.1.1:80 0.001 0.040 0.000 " + status + " " + status
        + " 100 200 \"GET http://api.example.com:80/v1 HTTP/1.1\" \"ua\" - - " + String.format(TG, tg)
        + " \"Root=1-abc\" \"-\" \"-\" 0 " + t + " \"forward\" \"-\" \"-\" \"10.0.1.1:80\" \"" + status + "\" \"-\" \"-\"";
  }

  private static void write(FileSystem fs, String path, boolean gzip, String content) throws IOException {
    try (OutputStream raw = fs.create(new org.apache.hadoop.fs.Path(path));
        OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> datasets(JobResult result, String dataset) {
    return (Map<String, Object>) ((Map<String, Object>) result.figures().get("datasets")).get(dataset);
  }
}
