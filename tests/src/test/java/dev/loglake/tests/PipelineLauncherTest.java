package dev.loglake.tests;

import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code pipeline} through scripts/loglake's spark-submit path of the built jar, on a
 * generated day in a temp lake, run as {@code scripts/demo.sh} runs it (the demo itself, reusing the
 * generated day, with {@code --maintain}): the SUMMARY accounts for every generated line, the tables
 * and reports it names are there (read back with this JVM's own session), maintain leaves the day in
 * place, and the console stays short. The day is yesterday, as the demo's own: maintain's retention
 * counts from today, so a fixed old date would be expired by it.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class PipelineLauncherTest {

  static final String DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
  static final List<String> DATASETS = List.of("alb_logs", "web_events", "transactions");

  @TempDir Path work;

  @Test
  void runsThePipelineOnAGeneratedDayThroughSparkSubmit(SparkSession spark) throws Exception {
    Path lake = work.resolve("lake");
    Launcher.Result generate = Launcher.run(work, Map.of(), "generate-sample-data", "--output",
        lake.resolve("raw").toString(), "--start", DAY, "--days", "1", "--alb-mb", "1", "--seed", "7");
    assertThat(generate.code()).as(generate.err()).isZero();
    JsonNode generated = json(generate);

    Launcher.Result demo = Launcher.script(work, Map.of("LOGLAKE_LAKE_ROOT", lake.toString()), "scripts/demo.sh");
    // The pipeline's stdout, as the demo kept it: the SUMMARY line and nothing else.
    String pipelineOut = Files.readString(lake.resolve("last-pipeline.out"));
    Launcher.Result run = new Launcher.Result(demo.code(), pipelineOut, demo.err());

    // The sample day's planted bad rows are quarantined and fail warning-level rules only: the
    // gate passes and the pipeline exits 0 (demo.sh relies on it).
    assertThat(run.code()).as(demo.out() + demo.err()).isZero();
    assertThat(pipelineOut.lines()).hasSize(1);
    JsonNode summary = json(run);
    assertShortConsole(demo, lake, summary.get("run_id").asText());
    assertThat(summary.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(summary.get("not_implemented")).isEmpty();
    List<String> steps = new ArrayList<>();
    summary.get("steps").forEach(s -> steps.add(s.get("job").asText() + " " + s.get("status").asText()));
    assertThat(steps).containsExactly("raw-to-processed SUCCEEDED", "quality SUCCEEDED", "processed-to-curated SUCCEEDED",
        "quality-curated SUCCEEDED", "alb-status SUCCEEDED", "maintain SUCCEEDED");
    JsonNode ingested = step(summary, "raw-to-processed").get("datasets");
    for (String dataset : DATASETS) {
      assertEveryLineAccountedFor(dataset, ingested.get(dataset), generated);
    }
    assertQualityPassedWithWarnings(step(summary, "quality"));
    // The curated tables with rules are checked after processed-to-curated built the day.
    JsonNode curatedScores = step(summary, "quality-curated").get("scores");
    assertThat(curatedScores.fieldNames()).toIterable().containsExactly("curated.customer_activity_daily",
        "curated.pipeline_freshness", "curated.transactions_daily_status", "curated.web_events_hourly_by_type",
        "curated.web_kpis_daily");
    curatedScores.forEach(byDay -> assertThat(byDay.fieldNames()).toIterable().containsExactly(DAY));
    JsonNode curated = step(summary, "processed-to-curated");
    assertThat(curated.get("models_built").asInt()).isEqualTo(curated.get("models").size()).isEqualTo(15);
    curated.get("models").forEach(m -> assertThat(m.get("status").asText() + " " + m.get("dates"))
        .isEqualTo("SUCCEEDED_RANGE [\"" + DAY + "\"]"));
    JsonNode albStatus = step(summary, "alb-status");
    long albRows = ingested.get("alb_logs").get("rows_written").asLong();
    assertThat(albStatus.get("requests").asLong()).isEqualTo(albRows);

    assertThat(total(spark, lake, "alb_status_daily", "requests")).isEqualTo(albRows);
    assertThat(total(spark, lake, "web_kpis_daily", "requests")).isEqualTo(ingested.get("web_events").get("rows_written").asLong());
    assertThat(total(spark, lake, "transactions_daily_status", "transactions"))
        .isEqualTo(ingested.get("transactions").get("rows_written").asLong());
    assertMaintainKeptTheDay(spark, lake, step(summary, "maintain"), albRows, demo.err());
    String pdf = albStatus.get("report_pdf").asText();
    assertThat(pdf).isEqualTo(lake.resolve("reports/alb_api_status_report_" + DAY + ".pdf").toString());
    try (PDDocument doc = Loader.loadPDF(Path.of(pdf).toFile())) {
      assertThat(doc.getNumberOfPages()).isPositive();
    }
  }

  /**
   * What the demo shows a person: at most 60 lines in all, the pipeline's progress and step table,
   * and where everything is, last; the effective configuration only in the run's log file.
   */
  private static void assertShortConsole(Launcher.Result demo, Path lake, String runId) throws Exception {
    List<String> console = new ArrayList<>(demo.out().lines().toList());
    console.addAll(demo.err().lines().toList());
    // On a fresh clone the demo generates the day instead of reusing it: its table of 5 lines
    // (a header, one per dataset, the total) stands in for the one "Reusing" line.
    assertThat(console.size() - 1 + 5).as(demo.out() + demo.err()).isLessThanOrEqualTo(60);
    Path log = lake.resolve("_logs/pipeline-" + runId + ".log");
    assertThat(demo.err())
        .contains("pipeline run " + runId + ", dates " + DAY + ", lake " + lake)
        .containsPattern("\\n\\d\\d:\\d\\d:\\d\\d   raw-to-processed +SUCCEEDED +[0-9.]+ s\\n")
        .contains("Full log: " + log)
        .doesNotContain("Effective configuration")
        .doesNotContain("LOGLAKE_SUMMARY")
        .doesNotContain("Using fallback font");
    assertThat(Files.readString(log))
        .contains("Effective configuration of pipeline run " + runId)
        .contains("loglake.jobs.pipeline.date = \"" + DAY + "\"")
        .contains("LOGLAKE_SUMMARY {\"job\":\"pipeline\",\"run_id\":\"" + runId + "\"");
    List<String> out = demo.out().lines().toList();
    assertThat(out.get(0)).isEqualTo("== Reusing sample data in " + lake + "/raw (newest day " + DAY + ")");
    assertThat(out.get(out.size() - 1)).isEqualTo("   ALB report      " + lake + "/reports/alb_api_status_report_" + DAY + ".pdf");
    assertThat(demo.out()).contains("   logs       " + lake + "/_logs (one file per run");
    // Three joined rows of customer_activity_daily: users with both sessions and purchases that day.
    assertThat(demo.out())
        .contains("== curated.customer_activity_daily on " + DAY + ", the 3 users who browsed and bought most:\n"
            + "   user_id")
        .containsPattern("(\\n   u-1\\d{5} +\\| +[1-9]\\d* +\\| +[1-9]\\d* .*[A-Z]{3} \\d+\\.\\d\\d.*){3}\\n== Where everything is");
  }

  /**
   * maintain ran over every table and expired nothing (the day is inside the retention), the day's
   * rows are all still in processed.alb_requests, its files are those of the table now, and the
   * console shows them in one line.
   */
  private static void assertMaintainKeptTheDay(SparkSession spark, Path lake, JsonNode maintain, long albRows,
      String console) {
    JsonNode alb = maintain.get("tables").get("processed.alb_requests");
    maintain.get("tables").forEach(t -> assertThat(t.get("partitions_expired").asLong()).isZero());
    assertThat(spark.read().format("delta").load(lake.resolve("processed/alb_requests").toString())
        .where("date = DATE'" + DAY + "'").count()).isEqualTo(albRows);
    long files = DeltaLog.forTable(spark, lake.resolve("processed/alb_requests").toString())
        .update(false, scala.Option.empty(), scala.Option.empty()).allFiles().count();
    assertThat(alb.get("files_after").asLong()).isEqualTo(files);
    assertThat(console.lines().filter(l -> l.contains("processed.alb_requests files"))
        .map(l -> l.replaceFirst("^\\d\\d:\\d\\d:\\d\\d ", ""))).containsExactly(
        "    processed.alb_requests files " + alb.get("files_before") + " -> " + alb.get("files_after") + ", "
            + String.format(java.util.Locale.ROOT, "%.1f MB -> %.1f MB; ", alb.get("bytes_before").asLong() / 1e6,
                alb.get("bytes_after").asLong() / 1e6)
            + maintain.get("tables_maintained") + " tables: 0 partitions compacted, 0 expired, 0 files vacuumed");
  }

  /** Every generated line is read (a CSV header is not a row) and written, quarantined or a duplicate. */
  private static void assertEveryLineAccountedFor(String dataset, JsonNode d, JsonNode generated) {
    long files = generated.get(dataset + "_files").asLong();
    long headers = dataset.equals("transactions") ? files : 0;
    long read = d.get("rows_read").asLong();
    assertThat(d.get("status").asText()).as(dataset).isEqualTo("SUCCEEDED");
    assertThat(d.get("files").asLong()).as(dataset).isEqualTo(files);
    assertThat(read).as(dataset).isEqualTo(generated.get(dataset + "_lines").asLong() - headers);
    assertThat(d.get("rows_written").asLong() + d.get("rows_quarantined").asLong() + d.get("rows_duplicate").asLong())
        .as(dataset).isEqualTo(read);
    assertThat(d.get("rows_quarantined").asLong()).as(dataset).isPositive();
    assertThat(d.get("partitions").toString()).as(dataset).isEqualTo("[\"" + DAY + "\"]");
  }

  private static void assertQualityPassedWithWarnings(JsonNode quality) {
    assertThat(quality.get("gate").asText()).isEqualTo("PASSED");
    assertThat(quality.get("partitions_checked").asInt()).isEqualTo(DATASETS.size());
    for (String dataset : DATASETS) {
      assertThat(quality.get("scores").get(dataset).get(DAY).asDouble()).as(dataset).isLessThan(100.0);
      assertThat(quality.get("failed_rules").get(dataset).get(DAY).toString()).as(dataset).contains("quarantine-share");
    }
    assertThat(Path.of(quality.get("report_html").asText())).isRegularFile();
  }

  private static long total(SparkSession spark, Path lake, String table, String column) {
    return spark.read().format("delta").load(lake.resolve("curated/" + table).toString())
        .where("date = DATE'" + DAY + "'").agg(sum(column)).first().getLong(0);
  }

  private static JsonNode step(JsonNode summary, String job) {
    for (JsonNode s : summary.get("steps")) {
      if (s.get("job").asText().equals(job)) {
        return s;
      }
    }
    throw new AssertionError("no step " + job + " in " + summary);
  }

  private static JsonNode json(Launcher.Result run) throws Exception {
    return new ObjectMapper().readTree(run.summaryJson());
  }
}
