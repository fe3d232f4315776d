package dev.loglake.tests;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.alb.AlbLogReader;
import dev.loglake.common.alb.AlbReadRequest;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.gold.AlbStatus;
import dev.loglake.common.spark.SparkSessions;
import java.time.LocalDate;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;

/**
 * For scripts/bench-alb-status.sh: the ALB status aggregation over raw gz logs, timed in process
 * from the start of the read to the result, by alb-status's read + aggregation on Spark (both
 * tables, {@code AlbStatus.aggregate}, collected) and by an equivalent DuckDB query ({@link
 * DuckDbAlbBench#status}: read_csv over the same files, GROUP BY target group and status class).
 * Usage: {@code spark|duckdb DIR DATE [MASTER] [THREADS] [RUNS] [WARMUPS]}; prints {@code key seconds=S
 * runs=... rows=N} lines (S: the median of the runs).
 */
final class AlbStatusBench {

  /** Timed runs per measurement; the median is reported (the machine's noise is a few %). */
  private static final int RUNS = 3;
  /** Runs after the first one, left out of the median, until the JIT has compiled the hot paths. */
  private static final int WARMUPS = 5;

  private AlbStatusBench() {}

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    String dir = args[1];
    LocalDate day = LocalDate.parse(args[2]);
    String master = args.length > 3 ? args[3] : "local[2]";
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int runs = args.length > 5 ? Integer.parseInt(args[5]) : RUNS;
    int warmups = args.length > 6 ? Integer.parseInt(args[6]) : WARMUPS;
    if (engine.equals("duckdb")) {
      // The same warm-up as ours (a native engine has no JIT to wait for); none for a single run.
      if (runs > 1 && warmups > 0) {
        time("duckdb_warmup", warmups, () -> DuckDbAlbBench.status(dir + "/**/*.log.gz", threads));
      }
      time("duckdb_alb_status", runs, () -> DuckDbAlbBench.status(dir + "/**/*.log.gz", threads));
      return;
    }
    SparkSession.Builder builder = SparkSession.builder().master(master).appName("alb-status-bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
    SparkSessions.BASE_SETTINGS.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      // The first run pays class loading and JIT compilation. On 2 cores the JIT compilers share
      // the CPU with the tasks, so the code keeps getting faster for a few more runs: the steady
      // state is measured after them (their times are printed too).
      time("spark_first_run", 1, () -> ours(spark, dir, day));
      if (warmups > 0) {
        time("spark_warmup", warmups, () -> ours(spark, dir, day));
      }
      time("spark_alb_status", runs, () -> ours(spark, dir, day));
      // What the aggregation adds: the same read of the input columns into Spark's no-op sink.
      time("spark_read_only", RUNS, () -> readOnly(spark, dir, day));
    } finally {
      spark.stop();
    }
  }

  private static long ours(SparkSession spark, String dir, LocalDate day) {
    DateRange range = DateRange.of(day);
    AlbApiMapping mapping = AlbApiMapping.defaults();
    // As alb-status --source raw does it: lines folded as they are parsed, no rows.
    var raw = AlbLogReader.lines(spark, AlbReadRequest.between(dir, day, day));
    AlbStatus.Tables t = AlbStatus.aggregate(raw, mapping, range);
    return t.daily().collectAsList().size() + t.hourly().collectAsList().size();
  }

  private static long readOnly(SparkSession spark, String dir, LocalDate day) {
    AlbLogReader.read(spark, AlbReadRequest.between(dir, day, day))
        .rows()
        .selectExpr(AlbStatus.INPUT_COLUMNS.toArray(String[]::new))
        .write()
        .format("noop")
        .mode("overwrite")
        .save();
    return 0;
  }

  /** Runs {@code action} {@code runs} times; prints the median and every run's seconds. */
  private static void time(String what, int runs, Callable<Long> action) throws Exception {
    double[] seconds = new double[runs];
    long rows = 0;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      rows = action.call();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    StringBuilder each = new StringBuilder();
    for (double s : seconds) {
      each.append(each.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.3f", s));
    }
    double[] sorted = seconds.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s seconds=%.3f runs=%s rows=%d%n", what, sorted[runs / 2], each, rows);
    System.out.flush();
  }

}
