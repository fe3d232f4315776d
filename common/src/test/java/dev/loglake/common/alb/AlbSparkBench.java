package dev.loglake.common.alb;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Times the Spark reader on local[N] over a folder of logs, in process from read start to result:
 * all columns written to the no-op sink (every value materialized), five columns likewise, and a
 * plain count, after a warm-up query over the first 64 files (one file left the parser and row
 * writer to the C2 JIT during the first timed query: about 2.5 CPU seconds). {@code
 * -Dalb.bench.repeat=true} times the all-fields query twice. Prints {@code key=value} lines for
 * scripts/bench-alb-parse.sh.
 */
final class AlbSparkBench {

  private static final int WARMUP_FILES = 64;

  private AlbSparkBench() {}

  public static void main(String[] args) throws java.io.IOException {
    String dir = args[0];
    String master = args.length > 1 ? args[1] : "local[2]";
    SparkSession spark = SparkSession.builder().master(master).appName("alb-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      List<java.nio.file.Path> all = AlbFiles.localAccessLogs(java.nio.file.Path.of(dir));
      List<String> warmup =
          all.subList(0, Math.min(WARMUP_FILES, all.size())).stream().map(Object::toString).toList();
      time("spark_warmup", () -> noop(AlbLogReader.read(spark, AlbReadRequest.files(warmup)).rows()));
      time("spark_all_fields", () -> noop(AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows()));
      if (Boolean.getBoolean("alb.bench.repeat")) {
        time("spark_all_fields_again",
            () -> noop(AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows()));
      }
      time("spark_five_columns", () -> noop(AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows()
          .select("time", "elb_status_code", "request_url", "sent_bytes", "target_processing_time")));
      time("spark_count", () -> AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows().count());
      if (System.getProperty("alb.bench.delta-dir") != null) {
        // The floor of any ingestion: the same rows appended to a Delta table, partitioned by day,
        // with no validation, hashing, dedupe, quarantine or ledger.
        String out = System.getProperty("alb.bench.delta-dir");
        time("spark_delta_append", () -> {
          AlbLogReader.read(spark, AlbReadRequest.all(dir)).rows()
              .withColumn("date", org.apache.spark.sql.functions.to_date(
                  org.apache.spark.sql.functions.col("time")))
              .write().format("delta").mode("overwrite").partitionBy("date").save(out);
          return -1;
        });
      }
    } finally {
      spark.stop();
    }
  }

  private static long noop(Dataset<Row> ds) {
    ds.write().format("noop").mode("overwrite").save();
    return -1;
  }

  /** Wall time, and CPU time of the whole process (all threads) as a check on machine load. */
  private static void time(String what, java.util.function.LongSupplier action) {
    long cpu0 = processCpuNanos();
    long jit0 = jitMillis();
    long gc0 = gcMillis();
    long t0 = System.nanoTime();
    long result = action.getAsLong();
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT,
        "%s seconds=%.3f cpu_seconds=%.3f jit_seconds=%.3f gc_seconds=%.3f result=%d%n", what,
        seconds, (processCpuNanos() - cpu0) / 1e9, (jitMillis() - jit0) / 1e3,
        (gcMillis() - gc0) / 1e3, result);
  }

  private static long jitMillis() {
    return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static long gcMillis() {
    long ms = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += gc.getCollectionTime();
    }
    return ms;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
