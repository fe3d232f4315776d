package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's "Adding a dataset" example, copied as written, runs on a local lake with no salt
 * configured: the lake generates its salt, and the email is hashed with it.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class ReadmeDatasetExampleTest {

  @TempDir Path dir;

  @Test
  void theReadmeExampleRunsAsWrittenAndHashesWithTheLakesGeneratedSalt(SparkSession spark) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = Pattern.compile("\\*\\*Adding a dataset\\*\\*.*?```hocon\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(m.find()).as("README's Adding a dataset example").isTrue();
    Path conf = Files.writeString(dir.resolve("orders.conf"), m.group(1));
    TestLake lake = new TestLake(dir.resolve("lake"));
    lake.write("events/orders/year=2024/month=03/day=10/orders.json", String.join("\n",
        "{\"order_id\": \"o1\", \"placed_at\": \"2024-03-10T09:00:00Z\", \"total\": 12.50, \"email\": \"ann@example.com\"}",
        "{\"order_id\": \"o2\", \"placed_at\": \"2024-03-10T10:00:00Z\", \"total\": -1, \"email\": \"bob@example.com\"}"));
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);

    JobResult result = job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "orders",
        "--from", "2024-03-10", "--to", "2024-03-10"));

    String salt = Files.readString(dir.resolve("lake").resolve("_secrets").resolve("pii-salt")).strip();
    assertRows(lake.table(spark, "processed/orders").select("order_id", "placed_at", "total", "email"),
        row("o1", Timestamp.valueOf("2024-03-10 09:00:00"), new BigDecimal("12.50"), sha256(salt + "ann@example.com")));
    assertRows(lake.table(spark, "processed/_quarantine/orders").select("reason"), row("rule:range:total"));
    @SuppressWarnings("unchecked")
    Map<String, Object> orders = (Map<String, Object>) ((Map<String, Object>) result.figures().get("datasets")).get("orders");
    assertThat(orders).containsEntry("rows_read", 2L).containsEntry("rows_written", 1L)
        .containsEntry("rows_quarantined", 1L).containsEntry("rows_duplicate", 0L);
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
