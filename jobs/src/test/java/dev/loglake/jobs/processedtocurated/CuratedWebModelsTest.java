package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shipped web models (conf/curated/web_*.sql) on five hand-built events. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedWebModelsTest {

  static final StructType WEB = Rows.schema("event_id STRING, event_ts TIMESTAMP, session_id STRING, user_id STRING,"
      + " method STRING, path STRING, status INT, latency_ms DOUBLE, bytes BIGINT, _record_key STRING, date DATE");
  static final Date MAR9 = Date.valueOf("2024-03-09");
  static final Date MAR10 = Date.valueOf("2024-03-10");

  @TempDir Path dir;
  CuratedLake lake;

  @BeforeEach
  void events(SparkSession spark) {
    lake = new CuratedLake(dir);
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-09", "2024-03-10"),
        event("e1", "2024-03-09T23:50:00Z", "s1", "u1", "GET", "/", 200, 10.0, 100L),
        event("e2", "2024-03-10T00:05:00Z", "s1", "u1", "GET", "/category/shoes", 200, 30.0, 300L),
        event("e3", "2024-03-10T09:00:00Z", "s2", null, "GET", "/category/home?x=1", 503, 50.0, 0L),
        event("e4", "2024-03-10T09:01:00Z", "s3", "u2", "POST", "/cart", 404, 20.0, 50L),
        event("e5", "2024-03-10T09:02:00Z", "s3", "u2", "GET", "/cart/checkout", 200, 40.0, 70L));
  }

  static Row event(String id, String at, String session, String user, String method, String path, int status,
      double latency, long bytes) {
    return row(id, ts(at), session, user, method, path, status, latency, bytes, id, Date.valueOf(at.substring(0, 10)));
  }

  /** Spark's exact percentile between two values. */
  static double pct(double lower, double higher, double p) {
    return (1 - p) * lower + p * higher;
  }

  @Test
  void buildsKpisPerPathGroupSessionsAndSessionsPerDay(SparkSession spark) {
    lake.run(spark, "--models", "web_kpis_daily,web_sessions,web_sessions_daily");

    assertRows(lake.curated(spark, "web_kpis_daily"),
        row(MAR9, "/", 1L, 1.0, 0.0, 0.0, 10.0, 10.0, 10.0, 10.0, 100L, 1L),
        row(MAR10, "/category", 2L, 0.5, 0.0, 0.5, 40.0, pct(30, 50, 0.5), pct(30, 50, 0.95), pct(30, 50, 0.99), 300L, 1L),
        row(MAR10, "/cart", 2L, 0.5, 0.5, 0.0, 30.0, pct(20, 40, 0.5), pct(20, 40, 0.95), pct(20, 40, 0.99), 120L, 1L));
    assertRows(lake.curated(spark, "web_sessions"),
        row(MAR9, "s1", "u1", ts("2024-03-09T23:50:00Z"), ts("2024-03-10T00:05:00Z"), 900.0, 2L, false, "/", "/category/shoes"),
        row(MAR10, "s2", null, ts("2024-03-10T09:00:00Z"), ts("2024-03-10T09:00:00Z"), 0.0, 1L, true,
            "/category/home?x=1", "/category/home?x=1"),
        row(MAR10, "s3", "u2", ts("2024-03-10T09:01:00Z"), ts("2024-03-10T09:02:00Z"), 60.0, 2L, false, "/cart", "/cart/checkout"));
    assertRows(lake.curated(spark, "web_sessions_daily"),
        row(MAR9, 1L, 900.0, 2.0, 0.0),
        row(MAR10, 2L, 30.0, 1.5, 0.5));
  }

  @Test
  void countsEventsUsersSessionsAndLatencyPerHourAndPathGroup(SparkSession spark) {
    lake.run(spark, "--models", "web_events_hourly_by_type");

    // e3 has no user: its row counts a session but no user.
    assertRows(lake.curated(spark, "web_events_hourly_by_type"),
        row(MAR9, 23, "/", 1L, 1L, 1L, 10.0, 10.0),
        row(MAR10, 0, "/category", 1L, 1L, 1L, 30.0, 30.0),
        row(MAR10, 9, "/category", 1L, 0L, 1L, 50.0, 50.0),
        row(MAR10, 9, "/cart", 2L, 1L, 1L, 30.0, pct(20, 40, 0.95)));
  }

  @Test
  void aLateEventAfterMidnightUpdatesTheSessionOnItsStartDate(SparkSession spark) {
    lake.run(spark, "--models", "web_sessions");
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-10"),
        event("e6", "2024-03-10T00:20:00Z", "s1", "u1", "GET", "/deals", 200, 5.0, 10L));

    lake.run(spark, "--models", "web_sessions");

    assertRows(lake.curated(spark, "web_sessions").where("session_id = 's1'"),
        row(MAR9, "s1", "u1", ts("2024-03-09T23:50:00Z"), ts("2024-03-10T00:20:00Z"), 1800.0, 3L, false, "/", "/deals"));
  }
}
