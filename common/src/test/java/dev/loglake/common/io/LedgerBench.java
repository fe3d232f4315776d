package dev.loglake.common.io;

import java.time.LocalDate;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a ledger for scripts/bench-ledger.sh straight as a Delta table in the ledger's layout (no
 * job runs): {@code rows} entries of dataset {@code alb_logs}, ALB file paths under {@code rawRoot}
 * spread evenly over the {@code days} days ending on {@code lastDay}, partitioned by {@link
 * Ledger#DATE}. Prints {@code ledger_rows=N seconds=S}.
 *
 * <p>Arguments: {@code ledgerPath rows lastDay days rawRoot}.
 */
final class LedgerBench {

  private LedgerBench() {}

  public static void main(String[] args) {
    String path = args[0];
    long rows = Long.parseLong(args[1]);
    LocalDate lastDay = LocalDate.parse(args[2]);
    int days = Integer.parseInt(args[3]);
    String raw = args[4];
    SparkSession spark = SparkSession.builder().master("local[2]").appName("ledger-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      long t0 = System.nanoTime();
      String day = "date_sub(DATE'" + lastDay + "', CAST(id % " + days + " AS INT))";
      Dataset<Row> ledger = spark.range(0, rows, 1, 2).selectExpr(
              "'alb_logs' AS dataset",
              "concat('" + raw + "/AWSLogs/123456789012/elasticloadbalancing/us-east-1/', date_format(" + day
                  + ", 'yyyy/MM/dd'), '/123456789012_elasticloadbalancing_us-east-1_app.bench.0_', date_format(" + day
                  + ", 'yyyyMMdd'), 'T', lpad(CAST(id DIV " + days + " % 2400 AS STRING), 4, '0'), 'Z_10.0.0.1_', id, '.log.gz') AS path",
              "5000000 + id % 1000 AS size",
              "unix_millis(CAST(" + day + " AS TIMESTAMP)) + 86399000 AS modification_time",
              "concat('run-', CAST(id DIV 576 AS STRING)) AS run_id",
              "'committed' AS status",
              "CAST(NULL AS STRING) AS error",
              "8190 + id % 20 AS rows",
              "CAST(" + day + " AS TIMESTAMP) + INTERVAL 1 DAY AS recorded_at",
              day + " AS " + Ledger.DATE);
      ledger.write().format("delta").mode("overwrite").partitionBy(Ledger.DATE).save(path);
      Row first = spark.read().format("delta").load(path).orderBy("path").select("path", "modification_time", Ledger.DATE).first();
      if (!RawFile.dateOf(first.getString(0), first.getLong(1)).equals(first.getDate(2).toLocalDate())) {
        throw new IllegalStateException("the bench ledger's " + Ledger.DATE + " is not RawFile.dateOf its path: " + first);
      }
      System.out.printf(Locale.ROOT, "ledger_rows=%d seconds=%.1f%n", rows, (System.nanoTime() - t0) / 1e9);
    } finally {
      spark.stop();
    }
  }
}
