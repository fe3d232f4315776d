package dev.loglake.tests;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.alb.AlbLogReader;
import dev.loglake.common.alb.AlbReadRequest;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.gold.AlbStatus;
import dev.loglake.common.silver.SilverAlb;
import dev.loglake.common.spark.SparkSessions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;

/**
 * For scripts/bench-alb-status.sh: the ALB status aggregation over raw gz logs, timed in process
 * from the start of the read to the result, by our reader + transforms on Spark and by an
 * equivalent DuckDB query (read_csv over the same files, GROUP BY target group and status class).
 * Usage: {@code spark|duckdb DIR DATE [MASTER] [THREADS]}; prints {@code key seconds=S rows=N} lines.
 */
final class AlbStatusBench {

  private AlbStatusBench() {}

  public static void main(String[] args) throws Exception {
    String engine = args[0];
    String dir = args[1];
    LocalDate day = LocalDate.parse(args[2]);
    String master = args.length > 3 ? args[3] : "local[2]";
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    if (engine.equals("duckdb")) {
      time("duckdb_alb_status", () -> duckdb(dir + "/**/*.log.gz", threads));
      return;
    }
    SparkSession.Builder builder = SparkSession.builder().master(master).appName("alb-status-bench")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4");
    SparkSessions.BASE_SETTINGS.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      time("spark_warmup", () -> ours(spark, dir, day));
      time("spark_alb_status", () -> ours(spark, dir, day));
    } finally {
      spark.stop();
    }
  }

  private static long ours(SparkSession spark, String dir, LocalDate day) {
    DateRange range = DateRange.of(day);
    AlbApiMapping mapping = AlbApiMapping.defaults();
    var parsed = AlbLogReader.read(spark, AlbReadRequest.between(dir, day, day)).rows();
    return AlbStatus.daily(SilverAlb.enrich(parsed, mapping), mapping.listedApis(), range).collectAsList().size();
  }

  private static long duckdb(String glob, int threads) throws Exception {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      columns.append(i == 0 ? "" : ", ").append("'c").append(i).append("': 'VARCHAR'");
    }
    String source = "read_csv('" + glob + "'";
    String sql = "SELECT regexp_extract(c16, 'targetgroup/([^/]+)/', 1) AS tg, substr(c8, 1, 1) AS cls,"
        + " count(*) AS requests, sum(CAST(c11 AS BIGINT)) AS sent FROM " + source
        + ", delim = ' ', quote = '\"', escape = '\"', header = false, auto_detect = false,"
        + " null_padding = true, ignore_errors = true, columns = {" + columns + "}) GROUP BY ALL";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET threads = " + threads);
      long rows = 0;
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          rows++;
        }
      }
      return rows;
    }
  }

  private static void time(String what, Callable<Long> action) throws Exception {
    long t0 = System.nanoTime();
    long rows = action.call();
    System.out.printf(Locale.ROOT, "%s seconds=%.3f rows=%d%n", what, (System.nanoTime() - t0) / 1e9, rows);
    System.out.flush();
  }

}
