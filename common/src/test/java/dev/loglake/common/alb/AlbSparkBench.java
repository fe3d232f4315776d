package dev.loglake.common.alb;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times the Spark reader on local[N] over a folder of logs, in process from read start to result:
 * all columns written to the no-op sink (every value materialized), five columns likewise, and a
 * plain count, after a warm-up query over the first file (JIT, codegen). Prints {@code key=value} lines for scripts/bench-alb-parse.sh.
 */
final class AlbSparkBench {

  private AlbSparkBench() {}

  public static void main(String[] args) throws java.io.IOException {
    String dir = args[0];
    String master = args.length > 1 ? args[1] : "local[2]";
    SparkSession spark = SparkSession.builder().master(master).appName("alb-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      String first = AlbFiles.localAccessLogs(java.nio.file.Path.of(dir)).get(0).toString();
      time("spark_warmup_one_file", () -> noop(AlbLogReader.read(spark, AlbReadRequest.all(first)).rows()));
      time("spark_all_fields", () -> noop(AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows()));
      time("spark_five_columns", () -> noop(AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows()
          .select("time", "elb_status_code", "request_url", "sent_bytes", "target_processing_time")));
      time("spark_count", () -> AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows().count());
    } finally {
      spark.stop();
    }
  }

  private static long noop(Dataset<Row> ds) {
    ds.write().format("noop").mode("overwrite").save();
    return -1;
  }

  private static void time(String what, java.util.function.LongSupplier action) {
    long t0 = System.nanoTime();
    long result = action.getAsLong();
    System.out.printf(Locale.ROOT, "%s seconds=%.3f result=%d%n", what,
        (System.nanoTime() - t0) / 1e9, result);
  }
}
