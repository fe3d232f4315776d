package dev.loglake.common.silver;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.dataset.PiiRule;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** truncate-ip with its prefix lengths, and the record hash of the stored (treated) values. */
@ExtendWith(SparkTestSession.class)
class SilverPiiTest {

  @TempDir Path dir;

  @Test
  void truncatesToTheConfiguredPrefixesAndHashesTheTruncatedValues(SparkSession spark) throws IOException {
    DatasetConfig ds = dataset("{ path = hits, format = json }", "schema = [{ name = id }, { name = ip }]",
        "pii = [{ column = ip, action = truncate-ip, ipv4-prefix = 16, ipv6-prefix = 32 }]");
    Dataset<Row> typed = Rows.of(spark, Rows.schema("id STRING, ip STRING, _malformed STRING, _type_errors ARRAY<STRING>"),
        row("a", "203.0.113.9", null, List.of()),
        row("b", "2001:db8:85a3::7348", null, List.of()),
        row("c", "not an address", null, List.of()));

    Dataset<Row> conformed = Silver.conform(typed, ds, List.of("id", "ip"),
        new Silver.Batch("run-1", Instant.parse("2024-03-10T00:00:00Z"), ""));

    Dataset<Row> stored = Rows.of(spark, Rows.schema("id STRING, ip STRING"),
        row("a", "203.0.0.0"), row("b", "2001:db8::"), row("c", null));
    Dataset<Row> asRead = typed.select("id", "ip");
    assertRows(conformed.select("id", "ip", "_record_hash", "_record_key"),
        stored.select(stored.col("id"), stored.col("ip"), Silver.recordHash(List.of("id", "ip")),
            Silver.recordHash(List.of("id", "ip"))).collectAsList());
    // The full address is in no stored column: the hash of the row as read is not there.
    List<Row> hashesAsRead = asRead.select(Silver.recordHash(List.of("id", "ip"))).collectAsList();
    assertThat(conformed.select("_record_hash").collectAsList()).doesNotContainAnyElementsOf(hashesAsRead);
  }

  @Test
  void albLogsTakeTruncateIpRulesOnTheParsersColumnsWithDefaultPrefixes() throws IOException {
    DatasetConfig ds = dataset("{ path = AWSLogs, format = alb }", "pii = [{ column = client_ip, action = truncate-ip }]");

    assertThat(ds.pii()).containsExactly(new PiiRule("client_ip", PiiRule.Action.TRUNCATE_IP, 24, 48));
  }

  @Test
  void aPiiRuleOnAColumnTheAlbParserDoesNotHaveIsAConfigErrorNamingTheKey() {
    assertThatThrownBy(() -> dataset("{ path = AWSLogs, format = alb }", "pii = [{ column = clientip, action = truncate-ip }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.hits.pii")
        .hasMessageContaining("'clientip'")
        .hasMessageContaining("client_ip");
  }

  @Test
  void badPrefixesAreConfigErrorsNamingTheKey() {
    assertThatThrownBy(() -> dataset("{ path = AWSLogs, format = alb }",
        "pii = [{ column = client_ip, action = truncate-ip, ipv4-prefix = 33 }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.hits.pii[0].ipv4-prefix: '33'")
        .hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> dataset("{ path = AWSLogs, format = alb }",
        "pii = [{ column = client_ip, action = truncate-ip, ipv6-prefix = \"/48\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.hits.pii[0].ipv6-prefix: '/48'")
        .hasMessageContaining("0 to 128");
    assertThatThrownBy(() -> dataset("{ path = AWSLogs, format = alb }",
        "pii = [{ column = client_ip, action = hash, ipv4-prefix = 24 }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.hits.pii[0].action: 'hash'")
        .hasMessageContaining("truncate-ip only");
    assertThatThrownBy(() -> dataset("{ path = AWSLogs, format = alb }",
        "pii = [{ column = client_ip, action = truncate-ip, ipv4_prefix = 24 }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ipv4_prefix")
        .hasMessageContaining("loglake.datasets.hits.pii[0]");
  }

  private DatasetConfig dataset(String raw, String... keys) throws IOException {
    Path conf = dir.resolve("hits.conf");
    Files.writeString(conf, "loglake.datasets.hits { raw = " + raw + "\n" + String.join("\n", keys) + " }");
    List<String> args = List.of("--conf-dir", "../conf", "--config", conf.toString(), "--loglake.lake.root", dir.toString());
    EtlConfig etl = EtlConfig.load("probe", JobArgs.parse(args.toArray(String[]::new), "probe", List.of()), Clock.systemUTC());
    return DatasetCatalog.load(etl).get("hits");
  }
}
