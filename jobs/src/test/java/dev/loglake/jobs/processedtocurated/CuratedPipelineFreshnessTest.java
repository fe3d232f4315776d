package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * pipeline_freshness (conf/curated/pipeline_freshness.sql): per dataset and date, raw file arrival
 * (ledger) to processed commit (ledger) to the curated build (curated._runs).
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedPipelineFreshnessTest {

  static final StructType WEB = Rows.schema("event_id STRING, event_ts TIMESTAMP, user_id STRING, path STRING,"
      + " status INT, latency_ms DOUBLE, bytes BIGINT, _ingested_at TIMESTAMP, _source_file STRING, _run_id STRING,"
      + " _record_key STRING, date DATE");
  /** The ledger's columns (common's Ledger.SCHEMA). */
  static final StructType LEDGER = Rows.schema("dataset STRING, path STRING, size BIGINT, modification_time BIGINT,"
      + " run_id STRING, status STRING, error STRING, rows BIGINT, recorded_at TIMESTAMP");
  static final Date MAR10 = Date.valueOf("2024-03-10");
  static final String COMMITTED = "2024-03-11T06:00:50Z";

  @TempDir Path dir;
  CuratedLake lake;

  static Row event(String id, String file) {
    return row(id, ts("2024-03-10T09:00:00Z"), "u1", "/", 200, 10.0, 100L, ts("2024-03-11T06:00:40Z"), file, "r1", id,
        MAR10);
  }

  static Row ledger(String file, String arrived, String runId, String status) {
    return row("web_events", file, 10L, Instant.parse(arrived).toEpochMilli(), runId, status, null, 1L, ts(COMMITTED));
  }

  @BeforeEach
  void landTwoFiles(SparkSession spark) {
    lake = new CuratedLake(dir);
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-10"),
        event("e1", "f1"), event("e2", "f1"), event("e3", "f2"));
    // f3 failed and f4 was committed by another run: neither has rows on the date.
    Rows.of(spark, LEDGER,
            ledger("f1", "2024-03-10T10:00:00Z", "r1", "committed"),
            ledger("f2", "2024-03-11T05:00:00Z", "r1", "committed"),
            ledger("f3", "2024-03-11T05:30:00Z", "r1", "failed"),
            ledger("f4", "2024-03-11T05:40:00Z", "r0", "committed"))
        .write().format("delta").save(dir.resolve("processed/_ledger").toString());
  }

  @Test
  void timesFilesFromArrivalToProcessedAndToTheNextCuratedBuildOfTheirDate(SparkSession spark) {
    // 06:02: only pipeline_freshness: no curated build of the date yet.
    Map<String, Object> alone = lake.run(spark, "--models", "pipeline_freshness");
    assertRows(lake.curated(spark, "pipeline_freshness"),
        row(MAR10, "web_events", 2L, ts("2024-03-10T10:00:00Z"), ts("2024-03-11T05:00:00Z"), ts(COMMITTED), null,
            (72_050.0 + 3_650.0) / 2, 72_050.0, null, null));

    // 06:03: web_kpis_daily rebuilds the date, and pipeline_freshness (built after it) takes that run in.
    Map<String, Object> withKpis = lake.run(spark, "--models", "web_kpis_daily,pipeline_freshness");
    assertRows(lake.curated(spark, "pipeline_freshness"),
        row(MAR10, "web_events", 2L, ts("2024-03-10T10:00:00Z"), ts("2024-03-11T05:00:00Z"), ts(COMMITTED),
            ts("2024-03-11T06:03:00Z"), (72_050.0 + 3_650.0) / 2, 72_050.0, (72_180.0 + 3_780.0) / 2, 72_180.0));

    // 06:04: nothing new, its own runs do not count: nothing is built.
    Map<String, Object> again = lake.run(spark, "--models", "web_kpis_daily,pipeline_freshness");

    assertThat(alone).containsEntry("models", Map.of(
        "pipeline_freshness", Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-10"), "rows_written", 1L)));
    Map<String, Object> built = Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-10"), "rows_written", 1L);
    assertThat(withKpis).containsEntry("models", Map.of("web_kpis_daily", built, "pipeline_freshness", built));
    assertThat(((Map<?, ?>) withKpis.get("models")).keySet().stream().map(String::valueOf).toList())
        .containsExactly("web_kpis_daily", "pipeline_freshness");
    assertThat(again).containsEntry("models_built", 0L);
    // One curated/_runs commit per run that built something: pipeline_freshness read web_kpis_daily's
    // run of the same job before it was committed.
    assertThat(io.delta.tables.DeltaTable.forPath(spark, dir.resolve("curated/_runs").toString()).history().count())
        .isEqualTo(2);
  }

  @Test
  void isOrderedAfterEveryModelThatDoesNotReadTheRunHistory() {
    Model freshness = model("pipeline_freshness", "SELECT date FROM curated._runs");
    Model sessions = model("zz_sessions", "SELECT date FROM processed.web_events");
    Model daily = model("zz_daily", "SELECT date FROM curated.zz_sessions");

    ModelCatalog catalog = ModelCatalog.of(List.of(), List.of(freshness, sessions, daily),
        java.util.Set.of("web_events"), t -> false);

    assertThat(catalog.ordered()).extracting(Model::name).containsExactly("zz_sessions", "zz_daily", "pipeline_freshness");
  }

  static Model model(String name, String sql) {
    return ModelParser.parse(new ModelFile(name, name + ".sql", sql, java.util.Optional.empty()));
  }
}
