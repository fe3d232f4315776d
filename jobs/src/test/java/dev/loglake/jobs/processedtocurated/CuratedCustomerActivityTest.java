package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedSourceStatisticsTest.scalaMap;
import static dev.loglake.jobs.processedtocurated.CuratedTransactionModelsTest.TX;
import static dev.loglake.jobs.processedtocurated.CuratedTransactionModelsTest.dec;
import static dev.loglake.jobs.processedtocurated.CuratedTransactionModelsTest.tx;
import static dev.loglake.jobs.processedtocurated.CuratedWebModelsTest.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * customer_activity_daily (conf/curated/customer_activity_daily.sql): web sessions per user and day
 * joined with the completed transactions of the user as a customer, recomputed when either input
 * changes a date.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedCustomerActivityTest {

  static final String DAY = "2024-03-10";
  static final Date MAR10 = Date.valueOf(DAY);
  static final String MODELS = "web_sessions,customer_activity_daily";

  @TempDir Path dir;
  CuratedLake lake;

  @BeforeEach
  void lake(SparkSession spark) {
    lake = new CuratedLake(dir);
    lake.ingest(spark, "web_events", "web_events", WEB, List.of(DAY),
        web("e1", "10:00", "s1", "u1", "/"),
        web("e2", "10:05", "s1", "u1", "/cart"),
        web("e3", "12:00", "s2", "u1", "/"),
        web("e4", "13:00", "s3", null, "/"),
        web("e5", "14:00", "s4", "u2", "/deals"));
    lake.ingest(spark, "transactions", "transactions", TX, List.of(DAY),
        tx("t1", "u1", DAY + "T10:06:00Z", "10.50", "EUR", "completed"),
        tx("t2", "u1", DAY + "T10:07:00Z", "5.00", "USD", "completed"),
        tx("t3", "u1", DAY + "T12:01:00Z", "1.00", "EUR", "completed"),
        tx("t4", "u2", DAY + "T14:01:00Z", "7.00", "EUR", "pending"),
        tx("t5", "c9", DAY + "T15:00:00Z", "20.00", "GBP", "completed"));
  }

  static Row web(String id, String time, String session, String user, String path) {
    return CuratedWebModelsTest.event(id, DAY + "T" + time + ":00Z", session, user, "GET", path, 200, 10.0, 100L);
  }

  static scala.collection.Map<String, BigDecimal> amounts(Object... currencyAndAmount) {
    Map<String, BigDecimal> m = new java.util.TreeMap<>();
    for (int i = 0; i < currencyAndAmount.length; i += 2) {
      m.put((String) currencyAndAmount[i], dec((String) currencyAndAmount[i + 1]));
    }
    return scala.collection.JavaConverters.mapAsScalaMap(m);
  }

  @Test
  void joinsSessionsAndCompletedTransactionsPerUserAndDay(SparkSession spark) {
    lake.run(spark, "--models", MODELS);

    // u1: 2 sessions (3 pages, one bounce), 3 completed purchases in 2 currencies. u2: a bounce and a
    // pending purchase (not counted). c9: a purchase without a session. The anonymous s3 has no row.
    assertRows(lake.curated(spark, "customer_activity_daily"),
        row(MAR10, "u1", 2L, 3L, 0.5, 3L, amounts("EUR", "11.50", "USD", "5.00")),
        row(MAR10, "u2", 1L, 1L, 1.0, 0L, amounts()),
        row(MAR10, "c9", 0L, 0L, null, 1L, amounts("GBP", "20.00")));
  }

  @Test
  void newTransactionsAloneRecomputeTheirDateAndSoDoNewEventsAlone(SparkSession spark) {
    lake.run(spark, "--models", MODELS);
    lake.ingest(spark, "transactions", "transactions", TX, List.of(DAY),
        tx("t6", "u2", DAY + "T14:02:00Z", "3.00", "EUR", "completed"));

    Map<String, Object> afterTransactions = lake.run(spark, "--models", MODELS);

    assertThat(afterTransactions).containsEntry("models", Map.of(
        "web_sessions", Map.of("status", "UP_TO_DATE"),
        "customer_activity_daily", Map.of("status", "SUCCEEDED", "dates", List.of(DAY), "rows_written", 3L)));
    assertRows(lake.curated(spark, "customer_activity_daily").where("user_id = 'u2'"),
        row(MAR10, "u2", 1L, 1L, 1.0, 1L, amounts("EUR", "3.00")));

    lake.ingest(spark, "web_events", "web_events", WEB, List.of(DAY), web("e6", "18:00", "s5", "c9", "/"));
    Map<String, Object> afterEvents = lake.run(spark, "--models", MODELS);

    // Through web_sessions, which recomputes the day before and after as well (sessions cross midnight).
    List<String> around = List.of("2024-03-09", DAY, "2024-03-11");
    assertThat(afterEvents).containsEntry("models", Map.of(
        "web_sessions", Map.of("status", "SUCCEEDED", "dates", around, "rows_written", 1L),
        "customer_activity_daily", Map.of("status", "SUCCEEDED", "dates", around, "rows_written", 3L)));
    assertRows(lake.curated(spark, "customer_activity_daily"),
        row(MAR10, "u1", 2L, 3L, 0.5, 3L, amounts("EUR", "11.50", "USD", "5.00")),
        row(MAR10, "u2", 1L, 1L, 1.0, 1L, amounts("EUR", "3.00")),
        row(MAR10, "c9", 1L, 1L, 1.0, 1L, amounts("GBP", "20.00")));
  }
}
