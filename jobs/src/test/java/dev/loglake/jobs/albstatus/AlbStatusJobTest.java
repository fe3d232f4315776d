package dev.loglake.jobs.albstatus;

import static dev.loglake.common.testing.AlbRequests.request;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.silver.SilverAlb;
import dev.loglake.common.testing.AlbRequests;
import dev.loglake.common.testing.DatasetAssert;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** alb-status end to end on a processed alb_requests table built from literal rows. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlbStatusJobTest {

  private static final Date MAY_1 = Date.valueOf("2024-05-01");
  private static final Date MAY_2 = Date.valueOf("2024-05-02");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-03T06:00:00Z"), ZoneOffset.UTC);
  private static final String APIS =
      "loglake.alb.apis = [\n"
          + "  { name = payments, match = \"^payments-(blue|green)-tg$\" }\n"
          + "  { name = billing, match = \"^billing-tg$\" }\n"
          + "]\n";

  @TempDir static Path conf;
  @TempDir static Path lake;

  private final AlbStatusJob job = new AlbStatusJob(CLOCK);

  /** One lake for the class: the tests run in order, each on what the one before wrote. */
  @BeforeAll
  static void lakeWithProcessedRequests(SparkSession spark) throws IOException {
    Files.createDirectories(conf.resolve("env"));
    Files.writeString(conf.resolve("application.conf"), APIS);
    Files.writeString(
        conf.resolve("env/local.conf"),
        "loglake { lake.root = \"" + lake + "\", zones { raw = ${loglake.lake.root}/raw,"
            + " processed = ${loglake.lake.root}/processed, curated = ${loglake.lake.root}/curated,"
            + " quality = ${loglake.lake.root}/quality, reports = ${loglake.lake.root}/reports } }");
    // Enriched with an older mapping (no rules): the job maps the APIs again with today's config.
    SilverAlb.enrich(Rows.of(spark, AlbRequests.SCHEMA, requests()), AlbApiMapping.defaults())
        .write()
        .format("delta")
        .partitionBy("date")
        .save(lake.resolve("processed/alb_requests").toString());
  }

  private static List<Row> requests() {
    return List.of(
        request("2024-05-01T08:00:00Z", "payments-blue-tg", 200, 200, 0.010, 100, 1000),
        request("2024-05-01T09:00:00Z", "payments-green-tg", 503, null, -1.0, 100, 0),
        request("2024-05-01T09:30:00Z", "orders-tg", 200, 200, 0.030, 50, 500),
        request("2024-05-01T10:00:00Z", null, 301, null, -1.0, 10, 20),
        request("2024-05-02T00:00:00Z", "payments-blue-tg", 404, 404, 0.002, 5, 6));
  }

  private static final List<Row> DAILY_MAY_1 =
      List.of(
          row(MAY_1, "payments", 2L, 0L, 1L, 0L, 0L, 1L, 0L, 1L, 0L, 0.5, 0.5,
              0.010, 0.010, 0.010, 0.010, 200L, 1000L),
          row(MAY_1, "orders", 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0.0, 1.0,
              0.030, 0.030, 0.030, 0.030, 50L, 500L),
          row(MAY_1, AlbApiMapping.LOAD_BALANCER, 1L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0.0, 1.0,
              null, null, null, null, 10L, 20L),
          row(MAY_1, "billing", 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null,
              null, null, null, null, 0L, 0L));

  private static final List<Row> HOURLY_MAY_1 =
      List.of(
          row(MAY_1, 8, "payments", 1L, 0L, 0L, 0.010),
          row(MAY_1, 9, "payments", 1L, 0L, 1L, null),
          row(MAY_1, 9, "orders", 1L, 0L, 0L, 0.030),
          row(MAY_1, 10, AlbApiMapping.LOAD_BALANCER, 1L, 0L, 0L, null));

  private AlbStatusConfig config(String... args) {
    List<String> all = new ArrayList<>(List.of("--conf-dir", conf.toString()));
    all.addAll(List.of(args));
    EtlConfig etl =
        EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), CLOCK);
    return job.config(etl);
  }

  private static String curated(String table) {
    return lake.resolve("curated").resolve(table).toString();
  }

  @Test
  @Order(1)
  void writesCuratedTablesAndTheThreeReportFiles(SparkSession spark) throws IOException {
    JobResult result = job.run(spark, config("--date", "2024-05-01"));

    DatasetAssert.assertRows(spark.read().format("delta").load(curated("alb_status_daily")), DAILY_MAY_1);
    DatasetAssert.assertRows(spark.read().format("delta").load(curated("alb_status_hourly")), HOURLY_MAY_1);
    Path reports = lake.resolve("reports");
    String base = "alb_api_status_report_2024-05-01";
    assertThat(result.figures())
        .containsEntry("requests", 4L)
        .containsEntry("daily_rows", 4)
        .containsEntry("report_pdf", reports.resolve(base + ".pdf").toString())
        .containsEntry("report_csv", reports.resolve(base + ".csv").toString())
        .containsEntry("report_json", reports.resolve(base + ".json").toString());
    assertThat(Files.readAllLines(reports.resolve(base + ".csv"))).hasSize(5);
    assertThat(new ObjectMapper().readTree(reports.resolve(base + ".json").toFile()).get("apis")).hasSize(4);
    try (PDDocument pdf = Loader.loadPDF(reports.resolve(base + ".pdf").toFile())) {
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text)
          .contains("Dates (UTC): 2024-05-01")
          .contains("payments 2 1 0 0 1 50.00% 10.0")
          .contains("billing 0 0 0 0 0 no traffic -");
    }
  }

  @Test
  @Order(2)
  void summaryLineNamesTheReportPathsOfYesterday() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        JobRunner.execute(
            job,
            new String[] {"--conf-dir", conf.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            CLOCK);

    assertThat(code).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    Map<?, ?> summary =
        new ObjectMapper().readValue(lines[lines.length - 1].substring("SUMMARY ".length()), Map.class);
    // No --date: yesterday of the clock, 2024-05-02.
    assertThat(summary.get("from")).isEqualTo("2024-05-02");
    assertThat(summary.get("report_pdf").toString()).endsWith("reports/alb_api_status_report_2024-05-02.pdf");
    assertThat(summary.get("report_csv").toString()).endsWith("reports/alb_api_status_report_2024-05-02.csv");
    assertThat(summary.get("report_json").toString()).endsWith("reports/alb_api_status_report_2024-05-02.json");
  }

  @Test
  @Order(3)
  void rerunReplacesOnlyTheRangesDates(SparkSession spark) {
    // After test 1 (2024-05-01) and test 2 (2024-05-02): 2024-05-01 again.
    job.run(spark, config("--date", "2024-05-01"));

    List<Row> daily = new ArrayList<>(DAILY_MAY_1);
    daily.add(row(MAY_2, "payments", 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0.0, 1.0,
        0.002, 0.002, 0.002, 0.002, 5L, 6L));
    daily.add(row(MAY_2, "billing", 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null,
        null, null, null, null, 0L, 0L));
    DatasetAssert.assertRows(spark.read().format("delta").load(curated("alb_status_daily")), daily);
    List<Row> hourly = new ArrayList<>(HOURLY_MAY_1);
    hourly.add(row(MAY_2, 0, "payments", 1L, 1L, 0L, 0.002));
    DatasetAssert.assertRows(spark.read().format("delta").load(curated("alb_status_hourly")), hourly);
  }

  @Test
  void badAlbSettingStopsTheJobAtConfigTimeNamingTheKey() {
    assertThatThrownBy(
            () -> config("--loglake.alb.error-rate-threshold", "1.5"))
        .hasMessageContaining("loglake.alb.error-rate-threshold");
  }
}
