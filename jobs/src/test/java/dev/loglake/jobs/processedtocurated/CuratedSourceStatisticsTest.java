package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.io.RunLog;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** source_statistics from a processed table, its quarantine and the processed run log. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedSourceStatisticsTest {

  static final StructType WEB = Rows.schema("event_id STRING, event_ts TIMESTAMP, _ingested_at TIMESTAMP,"
      + " _source_file STRING, _run_id STRING, _record_key STRING, date DATE");
  static final Date MAR10 = Date.valueOf("2024-03-10");

  @TempDir Path dir;

  static Row event(String id, String at, String ingestedAt, String file) {
    return row(id, ts(at), ts(ingestedAt), file, "r1", id, MAR10);
  }

  static Row rejected(String reason, String file, long line) {
    return row("web_events", "r1", file, line, reason, List.of(reason), "raw", null, ts("2024-03-10T13:00:00Z"), MAR10);
  }

  @Test
  void countsFilesRecordsQuarantineRunsDuplicatesAndIngestionLagPerDatasetAndDay(SparkSession spark) {
    CuratedLake lake = land(spark);

    lake.run(spark, "--models", "source_statistics");

    double position = 2 * 0.95;
    double p95 = ((2 - position) * 180_000 + (position - 1) * 600_000) / 1000.0;
    assertRows(lake.curated(spark, "source_statistics"),
        row(MAR10, "web_events", 3L, 3L, 3L, scalaMap(Map.of("bad_type:status", 2L, "malformed_json", 1L)), 2L, 2L,
            ts("2024-03-10T10:00:00Z"), ts("2024-03-10T12:00:00Z"), 180.0, p95));
  }

  @Test
  void aDateRangeRunFindsItsInputInTheTablesBehindEventsAndQuarantine(SparkSession spark) {
    CuratedLake lake = land(spark);

    // It reads only processed._events, _quarantine and _runs: their rows are the dataset tables'.
    Map<String, Object> built = lake.run(spark, "--models", "source_statistics", "--from", "2024-03-10", "--to", "2024-03-10");

    assertThat(built).containsEntry("models", Map.of("source_statistics",
        Map.of("status", "SUCCEEDED_RANGE", "dates", List.of("2024-03-10"), "rows_written", 1L)));
    assertThatThrownBy(() -> lake.run(spark, "--models", "source_statistics", "--from", "2024-03-12", "--to", "2024-03-12"))
        .isInstanceOf(dev.loglake.common.error.NoInputException.class)
        .hasMessageContaining("processed._quarantine_web_events holds 2024-03-10")
        .hasMessageContaining("processed.web_events holds 2024-03-10");
  }

  /** web_events on 2024-03-10: 3 rows in 2 files, 3 quarantined (2 of f1, 1 of f3), one earlier run. */
  private CuratedLake land(SparkSession spark) {
    CuratedLake lake = new CuratedLake(dir);
    Rows.of(spark, LakeTables.QUARANTINE_SCHEMA,
            rejected("bad_type:status", "f1", 4), rejected("bad_type:status", "f1", 5), rejected("malformed_json", "f3", 1))
        .write().format("delta").partitionBy("date").save(dir.resolve("processed/_quarantine/web_events").toString());
    RunLog.append(spark, dir.resolve("processed").toString(), new RunLog.Entry("r0", "raw-to-processed", "web_events",
        "SUCCEEDED", 2, 0, 9, 0, 3, 2, Map.of(), List.of("2024-03-10"), Instant.parse("2024-03-10T12:00:00Z"),
        Instant.parse("2024-03-10T12:10:00Z"), null));
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-10"),
        event("e1", "2024-03-10T10:00:00Z", "2024-03-10T10:01:00Z", "f1"),
        event("e2", "2024-03-10T11:00:00Z", "2024-03-10T11:03:00Z", "f2"),
        event("e3", "2024-03-10T12:00:00Z", "2024-03-10T12:10:00Z", "f2"));
    return lake;
  }

  static scala.collection.Map<String, Long> scalaMap(Map<String, Long> m) {
    return scala.collection.JavaConverters.mapAsScalaMap(m);
  }
}
