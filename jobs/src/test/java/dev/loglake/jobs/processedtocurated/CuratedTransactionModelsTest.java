package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;

import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The shipped transaction models and the generated per-dataset summaries, on five transactions. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedTransactionModelsTest {

  static final StructType TX = Rows.schema("id STRING, customer_id STRING, transaction_date TIMESTAMP,"
      + " amount DECIMAL(12,2), currency STRING, status STRING, _record_key STRING, date DATE");
  static final Date MAR10 = Date.valueOf("2024-03-10");

  @TempDir Path dir;

  static Row tx(String id, String customer, String at, String amount, String currency, String status) {
    return row(id, customer, ts(at), new BigDecimal(amount), currency, status, id, Date.valueOf(at.substring(0, 10)));
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  @Test
  void buildsStatusTotalsTopCustomersAndTheGeneratedSummaries(SparkSession spark) {
    CuratedLake lake = new CuratedLake(dir);
    lake.ingest(spark, "transactions", "transactions", TX, List.of("2024-03-10"),
        tx("t1", "c1", "2024-03-10T08:10:00Z", "10.50", "EUR", "completed"),
        tx("t2", "c2", "2024-03-10T08:20:00Z", "20.00", "EUR", "completed"),
        tx("t3", "c1", "2024-03-10T09:30:00Z", "5.25", "EUR", "completed"),
        tx("t4", "c3", "2024-03-10T09:40:00Z", "99.99", "USD", "pending"),
        tx("t5", "c2", "2024-03-10T09:50:00Z", "1.00", "EUR", null));

    lake.run(spark, "--models", "transactions_daily_status,transactions_top_customers,"
        + "transactions_daily_summary,transactions_hourly_metrics");

    assertRows(lake.curated(spark, "transactions_daily_status"),
        row(MAR10, "completed", "EUR", 3L, dec("35.75"), dec("11.916667")),
        row(MAR10, "pending", "USD", 1L, dec("99.99"), dec("99.990000")),
        row(MAR10, "(none)", "EUR", 1L, dec("1.00"), dec("1.000000")));
    assertRows(lake.curated(spark, "transactions_top_customers"),
        row(MAR10, "EUR", 1, "c2", 1L, dec("20.00")),
        row(MAR10, "EUR", 2, "c1", 2L, dec("15.75")));
    assertRows(lake.curated(spark, "transactions_daily_summary"),
        row(MAR10, 5L, 5L, dec("136.74"), dec("27.348000")));
    assertRows(lake.curated(spark, "transactions_hourly_metrics"),
        row(MAR10, 8, 2L, 2L, dec("30.50"), dec("15.250000")),
        row(MAR10, 9, 3L, 3L, dec("106.24"), dec("35.413333")));
  }
}
