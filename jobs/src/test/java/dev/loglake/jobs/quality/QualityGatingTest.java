package dev.loglake.jobs.quality;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.quality.QualityLake.D10;
import static dev.loglake.jobs.quality.QualityLake.D9;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.error.QualityGateException;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate per dataset: --zone processed says which curated models and whether alb-status may run
 * (in the SUMMARY and the gate file the state machine reads), --zone curated checks only the days
 * processed-to-curated built, and no partition without rows leaves metrics in the history.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class QualityGatingTest {

  static final String RULES = """
      loglake.datasets.web_events.quality = ["between(status, 100, 599)"]
      loglake.datasets.alb_logs.quality = ["row-count >= 2"]
      loglake.curated-tables.web_kpis_daily.quality = ["non-negative(requests)"]
      """;
  static final String WEB = "event_id STRING, status INT, date DATE";
  static final String ALB = "time TIMESTAMP, elb_status_code INT, date DATE";
  /**
   * The models that read web_events: its generated summaries, the web models, customer_activity_daily
   * (through web_sessions), and source_statistics and pipeline_freshness (_events).
   */
  static final List<String> WEB_MODELS = List.of("customer_activity_daily", "pipeline_freshness", "source_statistics",
      "web_events_daily_summary", "web_events_hourly_by_type", "web_events_hourly_metrics", "web_kpis_daily",
      "web_sessions", "web_sessions_daily");

  @TempDir Path dir;

  @Test
  void aFailedDatasetHoldsBackTheModelsThatReadItAndTheGateFileSaysSo(SparkSession spark) throws Exception {
    QualityLake lake = new QualityLake(dir, RULES);
    lake.processed(spark, "web_events", WEB, row("e1", 200, D10), row("e2", 700, D10));
    lake.processed(spark, "alb_requests", ALB, row(ts("2024-03-10T10:00:00Z"), 200, D10),
        row(ts("2024-03-10T11:00:00Z"), 503, D10));
    Path gateFile = dir.resolve("gates/run-1/quality.json");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = lake.args("--zone", "processed", "--gate-file", gateFile.toString(), "--from", "2024-03-10",
        "--to", "2024-03-10", "--datasets", "web_events,alb_logs", "--loglake.run-id", "q1");

    int code = JobRunner.execute(new QualityJob(QualityLake.CLOCK), args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), QualityLake.CLOCK);

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("web_events 2024-03-10 (score 50.00): between(status, 100, 599) [error] 0.5000 of rows comply");
    JsonNode gate = new ObjectMapper().readTree(gateFile.toFile());
    Map<String, List<String>> blocked = new LinkedHashMap<>();
    WEB_MODELS.forEach(m -> blocked.put(m, List.of("web_events")));
    List<String> build = List.of("alb_requests_daily_summary", "alb_requests_hourly_metrics", "transactions_daily_status",
        "transactions_daily_summary", "transactions_hourly_metrics", "transactions_top_customers");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("job", "quality");
    expected.put("run_id", "q1");
    expected.put("gate", "FAILED");
    expected.put("fail_on", "error");
    expected.put("zone", "processed");
    expected.put("passed_datasets", List.of("alb_logs"));
    expected.put("failed_datasets", List.of("web_events"));
    expected.put("curated_models", build);
    expected.put("blocked_models", blocked);
    expected.put("alb_status", "run");
    expected.put("models_arg", String.join(",", build));
    assertThat(new ObjectMapper().convertValue(gate, Map.class)).containsExactlyEntriesOf(expected);
    String summary = out.toString(StandardCharsets.UTF_8);
    assertThat(summary).contains("\"zone\":\"processed\",\"passed_datasets\":[\"alb_logs\"],\"failed_datasets\":[\"web_events\"],"
        + "\"curated_models\":" + new ObjectMapper().writeValueAsString(build));
    // Only the processed datasets were checked, and the zone names the run's report.
    assertThat(dir.resolve("quality/reports/quality_report_q1_processed.json")).isRegularFile();
  }

  @Test
  void aFailedAlbLogsHoldsBackAlbStatusUnlessItReadsTheRawFiles(SparkSession spark) throws Exception {
    QualityLake lake = new QualityLake(dir, RULES);
    lake.processed(spark, "alb_requests", ALB, row(ts("2024-03-10T10:00:00Z"), 200, D10));
    QualityJob job = new QualityJob(QualityLake.CLOCK);
    String[] args = {"--zone", "processed", "--datasets", "alb_logs", "--from", "2024-03-10", "--to", "2024-03-10"};

    QualityVerdict fromProcessed = verdict(catchThrowableOfType(() -> job.run(spark, lake.config(job, args)),
        QualityGateException.class).figures());
    List<String> raw = new java.util.ArrayList<>(List.of(args));
    raw.addAll(List.of("--loglake.jobs.alb-status.source", "raw"));
    QualityVerdict fromRaw = verdict(catchThrowableOfType(
        () -> job.run(spark, lake.config(job, raw.toArray(String[]::new))), QualityGateException.class).figures());

    assertThat(fromProcessed.failedDatasets()).containsExactly("alb_logs");
    assertThat(fromProcessed.albStatus()).isEqualTo(QualityVerdict.SKIP);
    assertThat(fromProcessed.blockedModels()).containsOnlyKeys("alb_requests_daily_summary", "alb_requests_hourly_metrics",
        "pipeline_freshness", "source_statistics");
    assertThat(fromRaw.albStatus()).isEqualTo(QualityVerdict.RUN);
  }

  @Test
  void curatedZoneChecksOnlyTheDaysItsModelBuiltAndEmptyPartitionsSaveNoMetrics(SparkSession spark) throws Exception {
    QualityLake lake = new QualityLake(dir, RULES);
    lake.processed(spark, "web_events", WEB, row("e1", 200, D9), row("e2", 201, D9), row("e3", 200, D10));
    lake.curated(spark, "web_kpis_daily", "date DATE, path_group STRING, requests BIGINT", row(D9, "/a", 2L));
    // processed-to-curated wrote 2024-03-09 only; 2024-03-10 is not built yet.
    lake.curatedRun(spark, "p2c-1", "web_kpis_daily", "SUCCEEDED_RANGE", Instant.parse("2024-03-11T02:00:00Z"), "2024-03-09");
    QualityJob job = new QualityJob(QualityLake.CLOCK);

    JobResult curated = job.run(spark, lake.config(job, "--zone", "curated", "--from", "2024-03-09", "--to", "2024-03-10",
        "--loglake.run-id", "q1"));
    JobResult processed = job.run(spark, lake.config(job, "--zone", "processed", "--datasets", "web_events",
        "--from", "2024-03-09", "--to", "2024-03-11", "--loglake.run-id", "q2"));

    Map<String, String> skipped = new LinkedHashMap<>();
    skipped.put("curated.web_kpis_daily", "partitions [2024-03-10] not built (no processed-to-curated run of its model wrote them)");
    // The other shipped tables with rules (conf/quality/) were never built.
    for (String t : List.of("customer_activity_daily", "pipeline_freshness", "transactions_daily_status",
        "web_events_hourly_by_type")) {
      skipped.put("curated." + t, "no Delta table at " + dir.resolve("curated/" + t)
          + " (its model has not been built yet; run processed-to-curated)");
    }
    assertThat(curated.figures()).containsEntry("scores", Map.of("curated.web_kpis_daily", Map.of("2024-03-09", 100.0)))
        .containsEntry("skipped", skipped)
        .containsEntry("passed_datasets", List.of("curated.web_kpis_daily"));
    assertThat(processed.figures()).containsEntry("partitions_checked", 3);
    // 2024-03-11 has no rows: scored (a missing day fails row-count rules) but kept out of the history.
    assertRows(lake.table(spark, "quality/quality_scores").where("run_id = 'q2'").select("date"),
        row(D9), row(D10), row(Date.valueOf("2024-03-11")));
    assertThat(MetricsHistoryFile.sizes(dir.resolve("quality"), "curated.web_kpis_daily")).isEqualTo(Map.of(LocalDate.parse("2024-03-09"), 1.0));
    assertThat(MetricsHistoryFile.sizes(dir.resolve("quality"), "web_events")).isEqualTo(Map.of(LocalDate.parse("2024-03-09"), 2.0,
        LocalDate.parse("2024-03-10"), 1.0));
  }



  private static QualityVerdict verdict(Map<String, Object> figures) {
    return QualityVerdict.from(figures);
  }

  private static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }
}
