package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Derived and normalised columns ({@code derive}) through raw-to-processed. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class RawToProcessedDeriveTest {

  static final String ORDERS = String.join("\n",
      "loglake.datasets.orders {",
      "  raw { path = orders, format = json }",
      "  schema = [{ name = id, nullable = false }, { name = price, type = \"decimal(8,2)\" }, { name = quantity, type = int },",
      "    { name = country }]",
      "  key = [id]",
      "  derive = [",
      "    { name = total, expr = \"price * quantity\" }",
      "    { name = country, expr = \"upper(trim(country))\" }",
      "    { name = units, expr = \"if(quantity IS NULL OR quantity >= 0, quantity, raise_error('negative quantity'))\" }",
      "    { name = big, expr = \"total > 100\" }",
      "  ]",
      "  validation = [{ rule = allowed-values, column = country, values = [DE, FR] }, { rule = range, column = total, max = 1000 }]",
      "}");

  @TempDir Path dir;

  @Test
  void derivedColumnsAreComputedCheckedByRulesAndARowTheyFailOnIsQuarantined(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../orders.conf", ORDERS);
    lake.write("orders/o.json", String.join("\n",
        "{\"id\":\"a\",\"price\":2.5,\"quantity\":4,\"country\":\" de \"}",
        "{\"id\":\"b\",\"price\":1.0,\"quantity\":-1,\"country\":\"fr\"}",
        "{\"id\":\"c\",\"price\":600,\"quantity\":2,\"country\":\"FR\"}",
        "{\"id\":\"d\",\"price\":1,\"quantity\":1,\"country\":\"us\"}",
        "{\"id\":\"e\",\"quantity\":3,\"country\":\"fr\"}",
        "{\"id\":\"f\",\"price\":60,\"quantity\":2,\"country\":\"Fr\"}"));
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);

    var result = job.run(spark, lake.config(job, "--config", conf.toString(), "--datasets", "orders"));

    var table = lake.table(spark, "processed/orders");
    assertThat(table.columns()).startsWith("id", "price", "quantity", "country", "total", "units", "big");
    assertRows(table.select("id", "price", "quantity", "country", "total", "units", "big"),
        row("a", new BigDecimal("2.50"), 4, "DE", new BigDecimal("10.00"), 4, false),
        row("e", null, 3, "FR", null, 3, null),
        row("f", new BigDecimal("60.00"), 2, "FR", new BigDecimal("120.00"), 2, true));
    assertRows(lake.table(spark, "processed/_quarantine/orders").select("line_number", "reason", "reasons", "record"),
        row(2L, "derive:units", List.of("derive:units"),
            "{\"id\":\"b\",\"price\":1.00,\"quantity\":-1,\"country\":\"FR\",\"total\":-1.00,\"big\":false}"),
        row(3L, "rule:range:total", List.of("rule:range:total"),
            "{\"id\":\"c\",\"price\":600.00,\"quantity\":2,\"country\":\"FR\",\"total\":1200.00,\"units\":2,\"big\":true}"),
        row(4L, "rule:allowed-values:country", List.of("rule:allowed-values:country"),
            "{\"id\":\"d\",\"price\":1.00,\"quantity\":1,\"country\":\"US\",\"total\":1.00,\"units\":1,\"big\":false}"));
    @SuppressWarnings("unchecked")
    var figures = (java.util.Map<String, Object>) ((java.util.Map<String, Object>) result.figures().get("datasets")).get("orders");
    assertThat(figures).containsEntry("rows_written", 3L).containsEntry("rows_quarantined", 3L);
  }

  @Test
  void anExpressionNamingAnUnknownColumnIsAConfigErrorAtStartUp(SparkSession spark) throws Exception {
    Run run = run(spark, "{ name = total, expr = \"price * qty\" }");

    assertThat(run.code).as(run.err).isEqualTo(2);
    assertThat(run.err).contains("ERROR [raw-to-processed] Bad value for loglake.datasets.orders.derive[0].expr: 'price * qty'. "
        + "Expected a Spark SQL expression over the columns [id, price, quantity, country] ([UNRESOLVED_COLUMN.WITH_SUGGESTION]");
    assertThat(Files.exists(dir.resolve("processed/orders"))).as("nothing ingested").isFalse();
  }

  @Test
  void anExpressionThatDoesNotParseIsAConfigError(SparkSession spark) throws Exception {
    Run run = run(spark, "{ name = total, expr = \"price * \" }");

    assertThat(run.code).as(run.err).isEqualTo(2);
    assertThat(run.err).contains("ERROR [raw-to-processed] Bad value for loglake.datasets.orders.derive[0].expr: 'price * '. "
        + "Expected a Spark SQL expression ([PARSE_SYNTAX_ERROR] Syntax error at or near end of input.");
  }

  @Test
  void anAggregateIsNotARowExpression(SparkSession spark) throws Exception {
    Run run = run(spark, "{ name = total, expr = \"sum(price)\" }");

    assertThat(run.code).as(run.err).isEqualTo(2);
    assertThat(run.err).contains("Bad value for loglake.datasets.orders.derive[0].expr: 'sum(price)'");
  }

  private record Run(int code, String err) {}

  private Run run(SparkSession spark, String derive) throws Exception {
    TestLake lake = new TestLake(dir);
    Path conf = lake.write("../orders.conf", "loglake.datasets.orders { raw { path = orders, format = json },"
        + " schema = [{ name = id }, { name = price, type = double }, { name = quantity, type = int }, { name = country }],"
        + " derive = [" + derive + "] }");
    lake.write("orders/o.json", "{\"id\":\"a\",\"price\":2.5,\"quantity\":4}");
    List<String> args = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", dir.toString(),
        "--config", conf.toString(), "--datasets", "orders", "--loglake.catalog.register", "false"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = JobRunner.execute(new RawToProcessedJob(TestLake.CLOCK), args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), TestLake.CLOCK);
    return new Run(code, err.toString(StandardCharsets.UTF_8));
  }
}
