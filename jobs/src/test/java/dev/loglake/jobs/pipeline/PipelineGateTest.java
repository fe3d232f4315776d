package dev.loglake.jobs.pipeline;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.quality.MetricsHistoryFile;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's gate per dataset, day after day on one lake: a new day after a built one passes
 * (quality checks the curated partitions after processed-to-curated built them), and a failed
 * transactions rule holds back the transactions models only, while the ALB report goes out and the
 * run exits 3 naming the failure.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class PipelineGateTest {

  static final LocalDate D1 = LocalDate.parse("2024-03-10");
  static final LocalDate D2 = LocalDate.parse("2024-03-11");
  static final LocalDate D3 = LocalDate.parse("2024-03-12");
  static final List<String> ALL_SUCCEEDED = List.of("raw-to-processed SUCCEEDED", "quality SUCCEEDED",
      "processed-to-curated SUCCEEDED", "quality-curated SUCCEEDED", "alb-status SUCCEEDED");
  /**
   * The models that read transactions, in build order: customer_activity_daily, source_statistics
   * (_events), its own two, its generated summaries, and pipeline_freshness (_events; built last).
   */
  static final List<String> TX_MODELS = List.of("customer_activity_daily", "source_statistics",
      "transactions_daily_status", "transactions_daily_summary", "transactions_hourly_metrics",
      "transactions_top_customers", "pipeline_freshness");

  @TempDir Path dir;

  @Test
  void aNewDayAfterABuiltOnePassesAndAFailedTransactionsRuleHoldsBackOnlyItsModels(SparkSession spark) throws Exception {
    PipelineLake lake = new PipelineLake(dir);
    lake.land(D1);
    PipelineLake.Run first = lake.pipeline(D1, "p1");
    lake.land(D2);
    PipelineLake.Run second = lake.pipeline(D2, "p2");

    // Before: quality ran before processed-to-curated and failed row-count >= 1 on the day's curated
    // partitions that nothing had built yet (exit 3, no report).
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.steps()).isEqualTo(ALL_SUCCEEDED);
    assertThat(second.step("quality").get("scores").fieldNames()).toIterable()
        .containsExactly("alb_logs", "transactions", "web_events");
    assertThat(second.step("quality-curated").get("scores").toString()).isEqualTo(
        "{\"curated.customer_activity_daily\":{\"2024-03-11\":100.0},\"curated.pipeline_freshness\":{\"2024-03-11\":100.0},"
            + "\"curated.transactions_daily_status\":{\"2024-03-11\":100.0},"
            + "\"curated.web_events_hourly_by_type\":{\"2024-03-11\":100.0},\"curated.web_kpis_daily\":{\"2024-03-11\":100.0}}");
    assertThat(second.step("quality-curated").get("anomalies").asInt()).isZero();

    Map<String, Long> txVersions = versions(spark, TX_MODELS);
    lake.land(D3);
    lake.landNegativeAmount(D3);
    PipelineLake.Run third = lake.pipeline(D3, "p3");

    assertThat(third.code()).as(third.err()).isEqualTo(3);
    assertThat(third.summary().get("status").asText()).isEqualTo("QUALITY_GATE_FAILED");
    assertThat(third.steps()).containsExactly("raw-to-processed SUCCEEDED", "quality QUALITY_GATE_FAILED",
        "processed-to-curated SUCCEEDED", "quality-curated SUCCEEDED", "alb-status SUCCEEDED");
    JsonNode quality = third.step("quality");
    assertThat(quality.get("failed_datasets").toString()).isEqualTo("[\"transactions\"]");
    assertThat(quality.get("failed_rules").get("transactions").toString()).isEqualTo("{\"2024-03-12\":[\"non-negative(amount)\"]}");
    assertThat(third.summary().get("error").asText())
        // The blocking failure first, then the warnings of the day (freshness of the few test records ...).
        .startsWith("Quality gate failed: quality: 1 blocking rule failure(s) (fail-on = error) in 3 partition(s):\n"
            + "  transactions 2024-03-12 (score 98.21): non-negative(amount) [error] 0.7500 of rows comply, 1.0000 required\n")
        .contains("\nReport: " + dir.resolve("quality/reports/quality_report_p3_processed.html") + "\n")
        .endsWith("\nnot built (an input dataset failed): " + TX_MODELS);
    // The transactions models were neither rebuilt nor checked; the others were, and the report went out.
    JsonNode curated = third.step("processed-to-curated");
    List<String> built = new ArrayList<>();
    curated.get("models").fieldNames().forEachRemaining(built::add);
    assertThat(built).doesNotContainAnyElementsOf(TX_MODELS).contains("web_kpis_daily", "alb_requests_daily_summary");
    assertThat(curated.get("blocked_models").toString()).contains("\"transactions_daily_status\":[\"transactions\"]");
    assertThat(versions(spark, TX_MODELS)).isEqualTo(txVersions);
    JsonNode curatedQuality = third.step("quality-curated");
    assertThat(curatedQuality.get("scores").toString()).isEqualTo(
        "{\"curated.customer_activity_daily\":{},\"curated.pipeline_freshness\":{},\"curated.transactions_daily_status\":{},"
            + "\"curated.web_events_hourly_by_type\":{\"2024-03-12\":100.0},\"curated.web_kpis_daily\":{\"2024-03-12\":100.0}}");
    assertThat(curatedQuality.get("skipped").get("curated.transactions_daily_status").asText())
        .isEqualTo("partitions [2024-03-12] not built (no processed-to-curated run of its model wrote them)");
    assertThat(dir.resolve("reports/alb_api_status_report_2024-03-12.pdf")).isNotEmptyFile();
    assertRows(table(spark, "curated/alb_status_daily").where("date = DATE'2024-03-12'").select("api", "requests"),
        row("orders", 2L), row("payments", 2L));
    // Only built partitions left metrics in the history: none of 2024-03-12 for transactions_daily_status.
    assertThat(MetricsHistoryFile.sizes(dir.resolve("quality"), "curated.transactions_daily_status")).isEqualTo(sizes(D1, 3.0, D2, 3.0));
    assertThat(MetricsHistoryFile.sizes(dir.resolve("quality"), "curated.web_kpis_daily")).isEqualTo(sizes(D1, 2.0, D2, 2.0, D3, 2.0));
    List<org.apache.spark.sql.Row> scored = new ArrayList<>();
    for (String t : List.of("customer_activity_daily", "pipeline_freshness", "transactions_daily_status",
        "web_events_hourly_by_type", "web_kpis_daily")) {
      scored.add(row("p1", "curated." + t, Date.valueOf(D1)));
      scored.add(row("p2", "curated." + t, Date.valueOf(D2)));
    }
    scored.add(row("p3", "curated.web_events_hourly_by_type", Date.valueOf(D3)));
    scored.add(row("p3", "curated.web_kpis_daily", Date.valueOf(D3)));
    assertRows(table(spark, "quality/quality_scores").where("dataset LIKE 'curated.%'").select("run_id", "dataset", "date"),
        scored);
  }

  private Map<String, Long> versions(SparkSession spark, List<String> tables) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String t : tables) {
      out.put(t, DeltaTable.forPath(spark, dir.resolve("curated").resolve(t).toString()).history(1)
          .select("version").first().getLong(0));
    }
    return out;
  }

  private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> table(SparkSession spark, String relative) {
    return spark.read().format("delta").load(dir.resolve(relative).toString());
  }

  private static Map<LocalDate, Double> sizes(Object... dateAndSize) {
    Map<LocalDate, Double> out = new TreeMap<>();
    for (int i = 0; i < dateAndSize.length; i += 2) {
      out.put((LocalDate) dateAndSize[i], (Double) dateAndSize[i + 1]);
    }
    return out;
  }


}
