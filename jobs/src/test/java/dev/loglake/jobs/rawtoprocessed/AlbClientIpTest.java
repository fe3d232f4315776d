package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alb_logs.conf keeps only the client's network in alb_requests: /24 of an IPv4 and
 * /48 of an IPv6 address (ALB writes an IPv6 client without brackets, split at the last colon:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html).
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class AlbClientIpTest {

  static final String FILE =
      "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/03/10/"
          + "123456789012_elasticloadbalancing_us-east-1_app.lb.abc_20240310T1105Z_10.0.0.1_ip.log.gz";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/6d0ecf831eec9f09";
  static final String CERT = "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

  static final String V6 =
      "h2 2024-03-10T10:00:00.000001Z app/lb/abc 2a02:a33c:4538:1:bcf4:5264:e01c:f215:50718 2600:1f18:abc:de00::1a:8443"
          + " 0.001 0.012 0.000 200 200 512 1024 \"GET https://api.example.com:443/v1/items?id=7 HTTP/2.0\""
          + " \"Mozilla/5.0 (X11; Linux x86_64)\" TLS_AES_128_GCM_SHA256 TLSv1.3 " + TG
          + " \"Root=1-65ed8a30-0123456789abcdef01234567\" \"api.example.com\" \"" + CERT + "\" 10"
          + " 2024-03-10T09:59:59.987000Z \"forward\" \"-\" \"-\" \"2600:1f18:abc:de00::1a:8443\" \"200\" \"-\" \"-\""
          + " TID_0123456789abcdef0123456789abcdef \"-\" \"-\" \"-\"";
  static final String V4 =
      "http 2024-03-10T11:00:00.000000Z app/lb/abc 198.51.100.23:41234 - -1 -1 -1 460 - 80 0"
          + " \"POST http://api.example.com:80/v1/orders HTTP/1.1\" \"curl/8.0\" - - " + TG
          + " \"Root=1-65ed8a31-abcdef0123456789abcdef01\" \"-\" \"-\" 1 2024-03-10T10:59:59.500000Z \"forward\""
          + " \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" TID_4567 \"-\" \"-\" \"-\"";

  @TempDir Path dir;

  @Test
  void albRequestsKeepsTheClientsSlash24OrSlash48AndNoFullAddress(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path file = lake.writeGzip(FILE, V6 + "\n" + V4 + "\n");
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);

    job.run(spark, lake.config(job, "--datasets", "alb_logs", "--from", "2024-03-10", "--to", "2024-03-10"));

    Dataset<Row> table = lake.table(spark, "processed/alb_requests");
    List<String> lineage = List.of("_ingested_at", "_run_id", "_record_hash", "_record_key", "_quality_score");
    assertThat(table.columns()).containsAll(lineage);
    String source = "file:" + file.toAbsolutePath();
    assertRows(table.drop(lineage.toArray(String[]::new)),
        row("h2", ts("2024-03-10T10:00:00.000001Z"), "app/lb/abc", "2a02:a33c:4538::", 50718, "2600:1f18:abc:de00::1a",
            8443, 0.001, 0.012, 0.0, 200, 200, 512L, 1024L, "GET", "https://api.example.com:443/v1/items?id=7",
            "HTTP/2.0", "Mozilla/5.0 (X11; Linux x86_64)", "TLS_AES_128_GCM_SHA256", "TLSv1.3", TG,
            "Root=1-65ed8a30-0123456789abcdef01234567", "api.example.com", CERT, 10, ts("2024-03-10T09:59:59.987Z"),
            List.of("forward"), null, null, List.of("2600:1f18:abc:de00::1a:8443"), List.of(200), null, null,
            "TID_0123456789abcdef0123456789abcdef", null, null, null,
            source, 1L, Date.valueOf("2024-03-10"), "orders-tg", "orders", "2xx", false, 10),
        row("http", ts("2024-03-10T11:00:00Z"), "app/lb/abc", "198.51.100.0", 41234, null, null, -1.0, -1.0, -1.0,
            460, null, 80L, 0L, "POST", "http://api.example.com:80/v1/orders", "HTTP/1.1", "curl/8.0", null, null, TG,
            "Root=1-65ed8a31-abcdef0123456789abcdef01", null, null, 1, ts("2024-03-10T10:59:59.5Z"),
            List.of("forward"), null, null, null, null, null, null, "TID_4567", null, null, null,
            source, 2L, Date.valueOf("2024-03-10"), "orders-tg", "orders", "4xx", true, 11));
    // Nothing stored holds the full address (the record hash and key are of the truncated value).
    assertThat(table.toJSON().collectAsList()).noneMatch(json -> json.contains("198.51.100.23")
        || json.contains("e01c:f215"));
  }

  private static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }
}
