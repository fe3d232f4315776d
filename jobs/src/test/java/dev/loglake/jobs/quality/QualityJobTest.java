package dev.loglake.jobs.quality;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.quality.QualityLake.D10;
import static dev.loglake.jobs.quality.QualityLake.D9;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.error.NoInputException;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The quality job on two tiny processed web_events partitions. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class QualityJobTest {

  static final String RULES = """
      loglake.datasets.web_events.quality = [
        "complete(event_id)"
        "unique(event_id)"
        "between(status, 100, 599)"
        { check = "completeness(user_id) >= 0.9", level = warning, weight = 2 }
      ]
      """;
  static final String DDL = "event_id STRING, event_ts TIMESTAMP, user_id STRING, status INT, date DATE";

  @TempDir Path dir;
  QualityLake lake;

  @BeforeEach
  void lake(SparkSession spark) throws Exception {
    lake = new QualityLake(dir, RULES);
    webEvents(spark, lake);
    lake.run(spark, "r2p-1", "web_events", 10, 1, Instant.parse("2024-03-11T01:00:00Z"), "2024-03-09", "2024-03-10");
  }

  /**
   * The processed web_events table: 4 rows on each of 2024-03-09 (one without user_id) and 2024-03-10
   * (one status 700).
   */
  static void webEvents(SparkSession spark, QualityLake lake) {
    lake.processed(spark, "web_events", DDL,
        row("e1", ts("2024-03-09T10:00:00Z"), "u1", 200, D9), row("e2", ts("2024-03-09T11:00:00Z"), "u2", 404, D9),
        row("e3", ts("2024-03-09T12:00:00Z"), null, 500, D9), row("e4", ts("2024-03-09T23:00:00Z"), "u4", 200, D9),
        row("e5", ts("2024-03-10T10:00:00Z"), "u5", 200, D10), row("e6", ts("2024-03-10T11:00:00Z"), "u6", 201, D10),
        row("e7", ts("2024-03-10T12:00:00Z"), "u7", 700, D10), row("e8", ts("2024-03-10T13:00:00Z"), "u8", 204, D10));
  }

  @Test
  void scoresTouchedPartitionsIntoResultsScoresAndReports(SparkSession spark) throws Exception {
    JobResult result = run(spark, "--datasets", "web_events", "--fail-on", "never", "--loglake.run-id", "q1", "--profile");

    double quarantine = 0.9 / 0.99;
    assertRows(lake.table(spark, "quality/quality_results").select("run_id", "dataset", "date", "rule", "level", "value", "compliance", "status"),
        row("q1", "web_events", D9, "complete(event_id)", "error", 1.0, 1.0, "PASS"),
        row("q1", "web_events", D9, "unique(event_id)", "error", 1.0, 1.0, "PASS"),
        row("q1", "web_events", D9, "between(status, 100, 599)", "error", 1.0, 1.0, "PASS"),
        row("q1", "web_events", D9, "completeness(user_id) >= 0.9", "warning", 0.75, 0.75 / 0.9, "FAIL"),
        row("q1", "web_events", D9, "quarantine-share <= 0.01", "warning", 0.9, quarantine, "FAIL"),
        row("q1", "web_events", D10, "complete(event_id)", "error", 1.0, 1.0, "PASS"),
        row("q1", "web_events", D10, "unique(event_id)", "error", 1.0, 1.0, "PASS"),
        row("q1", "web_events", D10, "between(status, 100, 599)", "error", 0.75, 0.75, "FAIL"),
        row("q1", "web_events", D10, "completeness(user_id) >= 0.9", "warning", 1.0, 1.0, "PASS"),
        row("q1", "web_events", D10, "quarantine-share <= 0.01", "warning", 0.9, quarantine, "FAIL"));
    // 2024-03-09: (1 + 1 + 1 + 2 × 0.75/0.9 + 0.9/0.99) / 6 = 5.5758 / 6; 2024-03-10: (1 + 1 + 0.75 + 2 + 0.9091) / 6
    assertRows(lake.table(spark, "quality/quality_scores").select("dataset", "date", "score", "status", "failed_rules"),
        row("web_events", D9, 92.93, "WARN", List.of("completeness(user_id) >= 0.9", "quarantine-share <= 0.01")),
        row("web_events", D10, 94.32, "FAIL", List.of("between(status, 100, 599)", "quarantine-share <= 0.01")));
    assertThat(result.figures()).containsEntry("datasets", 1).containsEntry("partitions_checked", 2).containsEntry("rows_read", 8L)
        .containsEntry("scores", Map.of("web_events", Map.of("2024-03-09", 92.93, "2024-03-10", 94.32)))
        .containsEntry("rules_failed", 4).containsEntry("gate", "PASSED")
        .containsEntry("report_json", dir.resolve("quality/reports/quality_report_q1.json").toString());
    JsonNode json = new ObjectMapper().readTree(dir.resolve("quality/reports/quality_report_q1.json").toFile());
    assertThat(json.get("run_id").asText()).isEqualTo("q1");
    assertThat(json.get("fail_on").asText()).isEqualTo("never");
    JsonNode p10 = json.get("datasets").get(0).get("partitions").get(1);
    assertThat(p10.get("date").asText() + " " + p10.get("rows") + " " + p10.get("score") + " " + p10.get("status") + " " + p10.get("failed_rules"))
        .isEqualTo("2024-03-10 4 94.32 \"FAIL\" [\"between(status, 100, 599)\",\"quarantine-share <= 0.01\"]");
    assertThat(p10.get("rules").get(2).toString()).isEqualTo("{\"rule\":\"between(status, 100, 599)\",\"kind\":\"BETWEEN\","
        + "\"level\":\"error\",\"weight\":1.0,\"metric\":\"Compliance\",\"value\":0.75,\"compliance\":0.75,\"status\":\"FAIL\","
        + "\"detail\":\"0.7500 of rows comply, 1.0000 required\"}");
    assertThat(json.get("datasets").get(0).get("trend").toString())
        .isEqualTo("[{\"date\":\"2024-03-09\",\"score\":92.93},{\"date\":\"2024-03-10\",\"score\":94.32}]");
    String html = Files.readString(dir.resolve("quality/reports/quality_report_q1.html"));
    assertThat(html).contains("<polyline");
    // Every rule of the day is in the HTML report, the failed ones first (the JSON lists them in config order).
    List<String> failedFirst = new java.util.ArrayList<>();
    p10.get("rules").forEach(r -> failedFirst.add((r.get("status").asText().equals("FAIL") ? "0 " : "1 ") + r.get("rule").asText()));
    java.util.Collections.sort(failedFirst, java.util.Comparator.comparing(x -> x.charAt(0)));
    java.util.regex.Matcher row = java.util.regex.Pattern.compile(
        "<tr><td>web_events</td><td>2024-03-10</td><td><code>([^<]*)</code></td><td>[a-z]+</td><td class=\"[A-Z]+\">([A-Z]+)</td>").matcher(html);
    List<String> inHtml = new java.util.ArrayList<>();
    while (row.find()) {
      inHtml.add((row.group(2).equals("FAIL") ? "0 " : "1 ") + row.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    }
    assertThat(inHtml).hasSize(p10.get("rules").size()).containsExactlyElementsOf(failedFirst);
    JsonNode profile = new ObjectMapper().readTree(dir.resolve("quality/profiles/web_events/profile_q1.json").toFile());
    assertThat(profile.get("columns").findValuesAsText("column")).containsExactlyInAnyOrder("event_id", "event_ts", "user_id", "status", "date");
    assertThat(profile.get("columns").toString()).contains("\"completeness\":0.875");
  }

  @Test
  void rerunOfARunReplacesItsRowsAndANewRunChecksOnlyNewlyTouchedPartitions(SparkSession spark) throws Exception {
    run(spark, "--fail-on", "never", "--loglake.run-id", "q1", "--datasets", "web_events");
    run(spark, "--fail-on", "never", "--loglake.run-id", "q1", "--datasets", "web_events", "--from", "2024-03-09", "--to", "2024-03-10");
    lake.run(spark, "r2p-2", "web_events", 4, 0, Instant.parse("2024-03-11T07:00:00Z"), "2024-03-10");
    JobResult touched = run(spark, "--fail-on", "never", "--loglake.run-id", "q2", "--datasets", "web_events");

    assertThat(lake.table(spark, "quality/quality_results").where("run_id = 'q1'").count()).isEqualTo(10);
    assertRows(lake.table(spark, "quality/quality_scores").select("run_id", "dataset", "date"),
        row("q1", "web_events", D9), row("q1", "web_events", D10), row("q2", "web_events", D10));
    // 2024-03-10 now has 1 of 10 + 4 rows quarantined: (1 + 1 + 0.75 + 2 + (13/14)/0.99) / 6
    assertThat(touched.figures()).containsEntry("scores", Map.of("web_events", Map.of("2024-03-10", 94.8)));
  }

  @Test
  void errorLevelFailureExitsThreeWithTheFailuresNamedAndTheFiguresInTheSummaryAndKeepsThePartitionForTheNextRun(SparkSession spark) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = lake.args("--datasets", "web_events", "--loglake.run-id", "q1");

    int code = JobRunner.execute(new QualityJob(QualityLake.CLOCK), args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), QualityLake.CLOCK);

    assertThat(code).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\":\"QUALITY_GATE_FAILED\"")
        .contains("\"datasets\":1,\"partitions_checked\":2,\"rows_read\":8,"
            + "\"scores\":{\"web_events\":{\"2024-03-09\":92.93,\"2024-03-10\":94.32}},"
            + "\"failed_rules\":{\"web_events\":{\"2024-03-09\":[\"completeness(user_id) >= 0.9\",\"quarantine-share <= 0.01\"],"
            + "\"2024-03-10\":[\"between(status, 100, 599)\",\"quarantine-share <= 0.01\"]}},\"rules_failed\":4,"
            + "\"anomalies\":0,\"gate\":\"FAILED\"");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Quality gate failed: 1 blocking rule failure(s) (fail-on = error) in 2 partition(s):\n"
            + "  web_events 2024-03-10 (score 94.32): between(status, 100, 599) [error] 0.7500 of rows comply, 1.0000 required")
        .contains("Report: " + dir.resolve("quality/reports/quality_report_q1.html"));
    assertRows(lake.table(spark, "quality/_runs").select("run_id", "job", "dataset", "status", "rows_read", "rows_written", "partitions"),
        row("q1", "quality", "web_events", "QUALITY_GATE_FAILED", 8L, 10L, List.of("2024-03-09", "2024-03-10")));
    QualityConfig config = lake.config(new QualityJob(QualityLake.CLOCK), "--datasets", "web_events");
    assertThat(new QualityInputs(spark, config.etl().zones()).partitions(config.datasets().get(0).dataset(),
        config.range(), "quality")).extracting(Object::toString).containsExactly("2024-03-09", "2024-03-10");
  }

  @Test
  void aRangeWithoutRowsFailsNamingTheTablesUnlessAllowEmpty(SparkSession spark) {
    assertThatThrownBy(() -> run(spark, "--datasets", "web_events", "--from", "2024-03-01", "--to", "2024-03-01"))
        .isInstanceOf(NoInputException.class)
        .hasMessageStartingWith("No input rows for 2024-03-01 in processed.web_events (processed.web_events holds"
            + " 2024-03-09..2024-03-10 (2 dates); use --from 2024-03-09 --to 2024-03-10).");

    JobResult empty = run(spark, "--fail-on", "never", "--datasets", "web_events", "--from", "2024-03-01", "--to", "2024-03-01",
        "--allow-empty");

    assertThat(empty.status()).isEqualTo(JobResult.Status.SUCCEEDED);
    assertThat(empty.figures()).containsEntry("input_files", 0L).containsEntry("input_bytes", 0L);
  }

  private JobResult run(SparkSession spark, String... args) {
    QualityJob job = new QualityJob(QualityLake.CLOCK);
    return job.run(spark, lake.config(job, args));
  }

  private static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }
}
