package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every shipped and generated model over tables raw-to-processed wrote from tiny raw files. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedFromRawTest {

  @TempDir Path dir;

  @Test
  void buildsEveryModelWithChangedInputFromRawToProcessedOutputThenHasNothingToDo(SparkSession spark) throws Exception {
    CuratedLake lake = new CuratedLake(dir);
    lake.raw("events/web/year=2024/month=03/day=10/part-0.json", String.join("\n",
        "{\"event_id\":\"e1\",\"event_ts\":\"2024-03-10T10:00:00Z\",\"session_id\":\"s1\",\"user_id\":\"u1\",\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"latency_ms\":12.5,\"bytes\":100}",
        "{\"event_id\":\"e2\",\"event_ts\":\"2024-03-10T10:01:00Z\",\"session_id\":\"s1\",\"user_id\":\"u1\",\"method\":\"GET\",\"path\":\"/deals\",\"status\":500,\"latency_ms\":40,\"bytes\":5}",
        "{\"event_id\":\"e3\",\"event_ts\":\"2024-03-10T11:00:00Z\",\"method\":\"FETCH\"}"));
    lake.raw("events/transactions/year=2024/month=03/day=10/t.csv", String.join("\n",
        "id,customer_id,transaction_date,amount,currency,status",
        "t1,c1,2024-03-10T08:00:00Z,10.50,EUR,completed"));
    lake.rawToProcessed(spark, "--datasets", "web_events,transactions", "--from", "2024-03-10", "--to", "2024-03-10");

    Map<String, Object> first = lake.run(spark);
    Map<String, Object> second = lake.run(spark);

    Map<String, Object> built = Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-10"));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> models = (Map<String, Map<String, Object>>) first.get("models");
    assertThat(models.keySet()).containsExactlyInAnyOrder("alb_requests_daily_summary", "alb_requests_hourly_metrics",
        "customer_activity_daily", "pipeline_freshness", "source_statistics", "transactions_daily_status",
        "transactions_daily_summary", "transactions_hourly_metrics", "transactions_top_customers",
        "web_events_daily_summary", "web_events_hourly_by_type", "web_events_hourly_metrics", "web_kpis_daily",
        "web_sessions", "web_sessions_daily");
    // Sessions read the day before and after, so a change on the 10th recomputes the 9th to the 11th, and so
    // do the models reading them (customer_activity_daily) or the run history of this run (pipeline_freshness).
    Map<String, Object> aroundIt = Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-09", "2024-03-10", "2024-03-11"));
    List<String> around = List.of("web_sessions", "web_sessions_daily", "customer_activity_daily", "pipeline_freshness");
    models.forEach((name, outcome) -> assertThat(outcome).as(name).containsAllEntriesOf(
        name.startsWith("alb_") ? Map.of("status", "UP_TO_DATE") : around.contains(name) ? aroundIt : built));
    assertRows(lake.curated(spark, "web_events_daily_summary"),
        row(Date.valueOf("2024-03-10"), 2L, 2L, 52.5, 26.25, 105L, 52.5));
    assertRows(lake.curated(spark, "source_statistics").select("dataset", "files", "records", "quarantined", "runs"),
        row("transactions", 1L, 1L, 0L, 1L),
        row("web_events", 1L, 2L, 1L, 1L));
    // The ledger's paths are the processed rows' _source_file, and this run's models were seen.
    assertRows(lake.curated(spark, "pipeline_freshness").selectExpr("dataset", "files", "last_curated_at IS NOT NULL"),
        row("transactions", 1L, true),
        row("web_events", 1L, true));
    assertThat(second).containsEntry("models_built", 0L);
  }
}
