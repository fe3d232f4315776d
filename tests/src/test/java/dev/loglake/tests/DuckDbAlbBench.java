package dev.loglake.tests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * For scripts/bench-single-run.sh and scripts/bench-alb-status.sh: DuckDB (its JDBC driver, in
 * process) doing the work a loglake job does, over the same gz ALB logs, as the yardstick.
 *
 * <ul>
 *   <li>{@code status}: {@code read_csv} of the raw lines and a GROUP BY target group and status
 *       class (alb-status's aggregation: requests and bytes sent).
 *   <li>{@code copy}: a typed {@code COPY} to Parquet partitioned by date (raw-to-processed's
 *       ingestion without its checks): 29 typed fields ({@code client:port}, {@code target:port}
 *       and {@code request} split as loglake's parser does, the ALB fields up to {@code
 *       error_reason}, {@code -} read as NULL) plus {@code date}, 30 in all.
 * </ul>
 *
 * Usage: {@code status|copy DIR THREADS [OUT]} (OUT: the Parquet directory of {@code copy}, which
 * must not exist). One run, so the process's wall time is DuckDB's whole process as a user runs
 * it; prints {@code duckdb_<what> seconds=S rows=N} (S: the query alone, in process).
 */
final class DuckDbAlbBench {

  private DuckDbAlbBench() {}

  public static void main(String[] args) throws Exception {
    String what = args[0];
    String glob = args[1] + "/**/*.log.gz";
    int threads = Integer.parseInt(args[2]);
    long t0 = System.nanoTime();
    long rows =
        switch (what) {
          case "status" -> status(glob, threads);
          case "copy" -> copy(glob, threads, args[3]);
          default -> throw new IllegalArgumentException("status or copy, not " + what);
        };
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (rows == 0) {
      // A cast that failed on every line would measure less work than ours.
      throw new IllegalStateException("DuckDB " + what + " read no rows under " + args[1]);
    }
    System.out.printf(Locale.ROOT, "duckdb_%s seconds=%.3f rows=%d%n", what, seconds, rows);
  }

  /** alb-status's aggregation; returns the number of groups. */
  static long status(String glob, int threads) throws SQLException {
    String sql =
        "SELECT regexp_extract(c16, 'targetgroup/([^/]+)/', 1) AS tg, substr(c8, 1, 1) AS cls,"
            + " count(*) AS requests, sum(CAST(c11 AS BIGINT)) AS sent FROM "
            + source(glob)
            + " GROUP BY ALL";
    try (Connection c = connect(threads);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      long rows = 0;
      while (rs.next()) {
        rows++;
      }
      return rows;
    }
  }

  /** The typed COPY to Parquet partitioned by date; returns the rows written. */
  static long copy(String glob, int threads, String out) throws SQLException {
    String select =
        "SELECT c0 AS type, TRY_CAST(c1 AS TIMESTAMP) AS time, c2 AS elb,"
            + " regexp_extract(c3, '^(.*):', 1) AS client_ip,"
            + " TRY_CAST(regexp_extract(c3, ':([0-9]+)$', 1) AS INTEGER) AS client_port,"
            + " NULLIF(regexp_extract(c4, '^(.*):', 1), '') AS target_ip,"
            + " TRY_CAST(regexp_extract(c4, ':([0-9]+)$', 1) AS INTEGER) AS target_port,"
            + " TRY_CAST(c5 AS DOUBLE) AS request_processing_time,"
            + " TRY_CAST(c6 AS DOUBLE) AS target_processing_time,"
            + " TRY_CAST(c7 AS DOUBLE) AS response_processing_time,"
            + " TRY_CAST(c8 AS INTEGER) AS elb_status_code,"
            + " TRY_CAST(c9 AS INTEGER) AS target_status_code,"
            + " TRY_CAST(c10 AS BIGINT) AS received_bytes, TRY_CAST(c11 AS BIGINT) AS sent_bytes,"
            + " NULLIF(regexp_extract(c12, '^(\\S+) ', 1), '-') AS request_verb,"
            + " regexp_extract(c12, '^\\S+ (.*) \\S+$', 1) AS request_url,"
            + " NULLIF(regexp_extract(c12, ' (\\S+)$', 1), '-') AS request_proto,"
            + " NULLIF(c13, '-') AS user_agent, NULLIF(c14, '-') AS ssl_cipher,"
            + " NULLIF(c15, '-') AS ssl_protocol, NULLIF(c16, '-') AS target_group_arn,"
            + " NULLIF(c17, '-') AS trace_id, NULLIF(c18, '-') AS domain_name,"
            + " NULLIF(c19, '-') AS chosen_cert_arn,"
            + " TRY_CAST(c20 AS INTEGER) AS matched_rule_priority,"
            + " TRY_CAST(c21 AS TIMESTAMP) AS request_creation_time,"
            + " NULLIF(c22, '-') AS actions_executed, NULLIF(c23, '-') AS redirect_url,"
            + " NULLIF(c24, '-') AS error_reason,"
            + " CAST(TRY_CAST(c1 AS TIMESTAMP) AS DATE) AS date FROM "
            + source(glob)
            // Lines without a time: loglake quarantines them.
            + " WHERE TRY_CAST(c1 AS TIMESTAMP) IS NOT NULL";
    try (Connection c = connect(threads);
        Statement st = c.createStatement()) {
      return st.executeLargeUpdate(
          "COPY (" + select + ") TO '" + out + "' (FORMAT parquet, PARTITION_BY (date))");
    }
  }

  private static Connection connect(int threads) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement st = c.createStatement()) {
      st.execute("SET threads = " + threads);
    }
    return c;
  }

  /** The 33 space-separated ALB fields of every line, as VARCHAR c0..c32 (AWS's field order). */
  private static String source(String glob) {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      columns.append(i == 0 ? "" : ", ").append("'c").append(i).append("': 'VARCHAR'");
    }
    return "read_csv('"
        + glob
        + "', delim = ' ', quote = '\"', escape = '\"', header = false, auto_detect = false,"
        + " null_padding = true, ignore_errors = true, columns = {"
        + columns
        + "})";
  }
}
