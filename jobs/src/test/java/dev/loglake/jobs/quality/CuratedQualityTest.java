package dev.loglake.jobs.quality;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.quality.QualityLake.D10;
import static dev.loglake.jobs.quality.QualityLake.D9;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The quality job on a tiny curated web_kpis_daily table: rules from loglake.curated-tables, partitions from _runs. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedQualityTest {

  static final String RULES = """
      loglake.curated-tables.web_kpis_daily.quality = [
        "complete(date)"
        "between(error_rate, 0, 1)"
        "non-negative(requests)"
        { check = "row-count >= 3", level = warning }
      ]
      """;
  static final String DDL = "date DATE, path_group STRING, requests BIGINT, error_rate DOUBLE";
  static final String KPIS = "curated.web_kpis_daily";

  @TempDir Path dir;
  QualityLake lake;

  @BeforeEach
  void lake(SparkSession spark) throws Exception {
    lake = new QualityLake(dir, RULES);
    lake.curated(spark, "web_kpis_daily", DDL,
        row(D9, "/a", 10L, 0.1), row(D9, "/b", 5L, 0.0), row(D9, "/c", 1L, 0.02),
        row(D10, "/a", 8L, 1.5), row(D10, "/b", 4L, 0.25));
    lake.curatedRun(spark, "p2c-1", "web_kpis_daily", "SUCCEEDED", Instant.parse("2024-03-11T02:00:00Z"),
        "2024-03-09", "2024-03-10");
  }

  @Test
  void scoresTheWrittenPartitionsOfACuratedTableAndRecordsTheRowsRead(SparkSession spark) {
    JobResult result = run(spark, "--datasets", KPIS, "--fail-on", "never", "--loglake.run-id", "q1");

    assertRows(lake.table(spark, "quality/quality_results").select("run_id", "dataset", "date", "rule", "level", "value", "compliance", "status"),
        row("q1", KPIS, D9, "complete(date)", "error", 1.0, 1.0, "PASS"),
        row("q1", KPIS, D9, "between(error_rate, 0, 1)", "error", 1.0, 1.0, "PASS"),
        row("q1", KPIS, D9, "non-negative(requests)", "error", 1.0, 1.0, "PASS"),
        row("q1", KPIS, D9, "row-count >= 3", "warning", 3.0, 1.0, "PASS"),
        row("q1", KPIS, D10, "complete(date)", "error", 1.0, 1.0, "PASS"),
        row("q1", KPIS, D10, "between(error_rate, 0, 1)", "error", 0.5, 0.5, "FAIL"),
        row("q1", KPIS, D10, "non-negative(requests)", "error", 1.0, 1.0, "PASS"),
        row("q1", KPIS, D10, "row-count >= 3", "warning", 2.0, 0.0, "FAIL"));
    // 2024-03-10: (1 + 0.5 + 1 + 0) / 4; no quarantine-share rule on a curated table
    assertRows(lake.table(spark, "quality/quality_scores").select("run_id", "dataset", "date", "score", "status", "rules", "failed_rules"),
        row("q1", KPIS, D9, 100.0, "PASS", 4, List.of()),
        row("q1", KPIS, D10, 62.5, "FAIL", 4, List.of("between(error_rate, 0, 1)", "row-count >= 3")));
    assertRows(lake.table(spark, "quality/_runs").select("run_id", "job", "dataset", "status", "rows_read", "rows_written", "partitions"),
        row("q1", "quality", KPIS, "SUCCEEDED", 5L, 8L, List.of("2024-03-09", "2024-03-10")));
    assertThat(result.figures()).containsEntry("rows_read", 5L).containsEntry("partitions_checked", 2)
        .containsEntry("scores", Map.of(KPIS, Map.of("2024-03-09", 100.0, "2024-03-10", 62.5)))
        .doesNotContainKey("skipped");
  }

  @Test
  void aLaterRunChecksOnlyThePartitionsWrittenSinceTheLastPassingRun(SparkSession spark) {
    run(spark, "--datasets", KPIS, "--fail-on", "never", "--loglake.run-id", "q1");
    // A --from/--to run of the model (SUCCEEDED_RANGE) after q1 started rewrote 2024-03-10 only.
    lake.curatedRun(spark, "p2c-2", "web_kpis_daily", "SUCCEEDED_RANGE", Instant.parse("2024-03-11T07:00:00Z"), "2024-03-10");
    JobResult second = run(spark, "--datasets", KPIS, "--fail-on", "never", "--loglake.run-id", "q2");

    assertRows(lake.table(spark, "quality/quality_scores").where("run_id = 'q2'").select("dataset", "date", "score"),
        row(KPIS, D10, 62.5));
    assertThat(second.figures()).containsEntry("partitions_checked", 1).containsEntry("rows_read", 2L);
  }

  @Test
  void aCuratedTableNotBuiltYetIsSkippedWithTheReason(SparkSession spark) {
    // These models have the shipped rules of conf/quality/ but no table in this lake.
    JobResult result = run(spark, "--fail-on", "never", "--loglake.run-id", "q1");

    Map<String, String> skipped = new java.util.TreeMap<>();
    for (String model : List.of("customer_activity_daily", "pipeline_freshness", "transactions_daily_status",
        "web_events_hourly_by_type")) {
      skipped.put("curated." + model, "no Delta table at " + dir.resolve("curated/" + model)
          + " (its model has not been built yet; run processed-to-curated)");
    }
    assertThat(new java.util.TreeMap<>((Map<?, ?>) result.figures().get("skipped"))).isEqualTo(skipped);
    assertThat(((Map<?, ?>) result.figures().get("scores")).keySet().toString())
        .isEqualTo("[alb_logs, transactions, web_events, " + KPIS + "]");
  }

  @Test
  void anErrorLevelFailureOfACuratedRuleExitsThreeWithTheScoresAndFailedRulesInTheSummary() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args = lake.args("--datasets", KPIS, "--loglake.run-id", "q1");

    int code = JobRunner.execute(new QualityJob(QualityLake.CLOCK), args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), QualityLake.CLOCK);

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(3);
    String last = out.toString(StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last).startsWith("SUMMARY {");
    Map<String, Object> summary = new LinkedHashMap<>(new ObjectMapper().readValue(last.substring(8), Map.class));
    summary.remove("started_at");
    summary.remove("duration_s");
    String report = dir.resolve("quality/reports/quality_report_q1").toString();
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("job", "quality");
    expected.put("run_id", "q1");
    expected.put("status", "QUALITY_GATE_FAILED");
    expected.put("datasets", 1);
    expected.put("partitions_checked", 2);
    expected.put("rows_read", 5);
    expected.put("scores", Map.of(KPIS, Map.of("2024-03-09", 100.0, "2024-03-10", 62.5)));
    expected.put("failed_rules", Map.of(KPIS, Map.of("2024-03-10", List.of("between(error_rate, 0, 1)", "row-count >= 3"))));
    expected.put("rules_failed", 2);
    expected.put("anomalies", 0);
    expected.put("gate", "FAILED");
    expected.put("zone", "all");
    expected.put("passed_datasets", List.of());
    expected.put("failed_datasets", List.of(KPIS));
    expected.put("checked_tables", Map.of(KPIS, "curated.web_kpis_daily"));
    expected.put("quarantine_share", Map.of());
    expected.put("report_json", report + ".json");
    expected.put("report_html", report + ".html");
    // What the run read: the table's data files (its only input).
    List<Path> files;
    try (var walk = Files.walk(dir.resolve("curated/web_kpis_daily"))) {
      files = walk.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    expected.put("input_files", files.size());
    expected.put("input_bytes", (int) bytes);
    expected.put("error", "Quality gate failed: 1 blocking rule failure(s) (fail-on = error) in 1 partition(s):\n"
        + "  curated.web_kpis_daily 2024-03-10 (score 62.50): between(error_rate, 0, 1) [error] 0.5000 of rows comply, 1.0000 required\n"
        + "  curated.web_kpis_daily 2024-03-10 (score 62.50): row-count >= 3 [warning] 2 rows, expected at least 3\n"
        + "Report: " + report + ".html");
    assertThat(summary).containsExactlyEntriesOf(expected);
  }

  @Test
  void rulesForATableNoModelBuildsAreAConfigErrorNamingTheFileAndTheFix() throws Exception {
    Files.createDirectories(dir.resolve("quality-conf"));
    Path file = Files.writeString(dir.resolve("quality-conf/web_kpis.conf"),
        "loglake.curated-tables.web_kpis.quality = [\"complete(date)\"]\n");
    Files.writeString(lake.extraConf, RULES + "include \"quality-conf/web_kpis.conf\"\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = JobRunner.execute(new QualityJob(QualityLake.CLOCK), lake.args("--loglake.run-id", "q1").toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), QualityLake.CLOCK);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .startsWith("ERROR [quality] Quality rules at " + file + ": 1: they are for curated table web_kpis, which no model"
            + " builds. Name one of the models [alb_requests_daily_summary, alb_requests_hourly_metrics,"
            + " customer_activity_daily, pipeline_freshness, source_statistics,")
        .endsWith("web_sessions_daily] in loglake.curated-tables.<model> (conf/quality/<model>.conf), or remove the file and"
            + " its include line in conf/application.conf.");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\":\"CONFIG_ERROR\"");
    assertThat(Files.exists(dir.resolve("quality/quality_scores"))).as("nothing scored").isFalse();
  }

  @Test
  void aQuarantineShareRuleOnACuratedTableIsAConfigError() throws Exception {
    Files.writeString(lake.extraConf, "loglake.curated-tables.web_kpis_daily.quality = [\"quarantine-share <= 0.01\"]\n");

    assertThatThrownBy(() -> lake.config(new QualityJob(QualityLake.CLOCK)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Quality rules at " + lake.extraConf + ": 1: rule 'quarantine-share <= 0.01' of"
            + " loglake.curated-tables.web_kpis_daily.quality is for processed datasets only. A curated table has no"
            + " quarantine: remove the rule.");
  }

  @Test
  void tablesCheckedAtTheSameTimeGiveTheRowsReportsAndOrderOfOneAfterTheOther(SparkSession spark) throws Exception {
    // Every dataset and curated table with rules: web_events and web_kpis_daily hold rows, the other
    // datasets have none and the other curated tables are not built (skipped).
    Files.writeString(lake.extraConf, RULES + QualityJobTest.RULES);
    QualityJobTest.webEvents(spark, lake);
    lake.run(spark, "r2p-1", "web_events", 10, 1, Instant.parse("2024-03-11T01:00:00Z"), "2024-03-09", "2024-03-10");
    String[] range = {"--fail-on", "never", "--from", "2024-03-09", "--to", "2024-03-10"};

    JobResult oneByOne = run(spark, with(range, "--loglake.run-id", "q1", "--loglake.jobs.quality.parallelism", "1"));
    JobResult together = run(spark, with(range, "--loglake.run-id", "q3", "--loglake.jobs.quality.parallelism", "3"));

    for (String table : List.of("quality_results", "quality_scores")) {
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows = lake.table(spark, "quality/" + table).drop("run_id");
      assertThat(rows.where("run_id = 'q1'").count()).as(table).isPositive();
      dev.loglake.common.testing.DatasetAssert.assertSameData(
          lake.table(spark, "quality/" + table).where("run_id = 'q3'").drop("run_id"),
          lake.table(spark, "quality/" + table).where("run_id = 'q1'").drop("run_id"));
    }
    Map<String, Object> a = new LinkedHashMap<>(oneByOne.figures());
    Map<String, Object> b = new LinkedHashMap<>(together.figures());
    for (Map<String, Object> f : List.of(a, b)) {
      f.remove("report_json");
      f.remove("report_html");
    }
    assertThat(b).containsExactlyEntriesOf(a);
    assertThat(((Map<?, ?>) b.get("scores")).keySet().toString())
        .isEqualTo("[alb_logs, transactions, web_events, " + KPIS + "]");
    assertThat(((Map<?, ?>) b.get("skipped")).keySet()).hasSize(4);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(dir.resolve("quality/reports/quality_report_q3.json").toFile()).get("datasets"))
        .isEqualTo(json.readTree(dir.resolve("quality/reports/quality_report_q1.json").toFile()).get("datasets"));
  }

  @Test
  void aParallelismUnderOneIsAConfigErrorNamingTheKey() {
    assertThatThrownBy(() -> lake.config(new QualityJob(QualityLake.CLOCK), "--loglake.jobs.quality.parallelism", "0"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.jobs.quality.parallelism: '0'. Expected 1 or more (1 checks the"
            + " tables one after the other).");
  }

  private static String[] with(String[] first, String... more) {
    return java.util.stream.Stream.concat(java.util.Arrays.stream(first), java.util.Arrays.stream(more))
        .toArray(String[]::new);
  }

  private JobResult run(SparkSession spark, String... args) {
    QualityJob job = new QualityJob(QualityLake.CLOCK);
    return job.run(spark, lake.config(job, args));
  }
}
