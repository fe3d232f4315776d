package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.sql.SqlJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A writing job run through JobRunner registers its zone's tables; sql then reads them from the catalog. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CatalogRegistrationTest {

  @TempDir Path dir;

  @Test
  void processedToCuratedRegistersTablesAndSqlQueriesThemThroughTheCatalog(SparkSession spark) throws Exception {
    CuratedLake lake = new CuratedLake(dir);
    String models = lake.models("daily_totals", CuratedIncrementalTest.TOTALS).toString();
    lake.ingest(spark, "web_events", "web_events", CuratedLineageAndSqlTest.WEB, List.of("2024-03-10"),
        row("e1", ts("2024-03-10T10:00:00Z"), 10L, Date.valueOf("2024-03-10")),
        row("e2", ts("2024-03-10T11:00:00Z"), 5L, Date.valueOf("2024-03-10")));

    Run build = run(out -> new ProcessedToCuratedJob(lake.clock), "--models-dir", models,
        "--loglake.jobs.processed-to-curated.dataset-models", "false");
    Run again = run(out -> new ProcessedToCuratedJob(lake.clock), "--models-dir", models,
        "--loglake.jobs.processed-to-curated.dataset-models", "false");
    Run select = run(SqlJob::new, "--query", "SELECT date, events, bytes FROM curated.daily_totals");
    Run show = run(SqlJob::new, "--query", "SHOW TABLES IN k_curated");
    // Another lake with the same table, built without registering: sql reads that lake's table, not
    // the catalog's entry (which points into the first lake).
    CuratedLake other = new CuratedLake(dir.resolve("other"));
    other.ingest(spark, "web_events", "web_events", CuratedLineageAndSqlTest.WEB, List.of("2024-03-11"),
        row("e9", ts("2024-03-11T10:00:00Z"), 7L, Date.valueOf("2024-03-11")));
    other.run(spark, "--models-dir", models, "--loglake.jobs.processed-to-curated.dataset-models", "false");
    Run elsewhere = run(SqlJob::new, "--query", "SELECT date, events, bytes FROM curated.daily_totals",
        "--loglake.lake.root", other.root.toString());

    assertThat(build.code).isZero();
    // processed-to-curated registers the zone it writes; raw-to-processed registers processed tables.
    assertThat(strings(build.summary.get("catalog_registered"))).containsExactlyInAnyOrder(
        "k_curated.daily_totals", "k_curated._runs");
    assertThat(strings(again.summary.get("catalog_registered"))).isEmpty();
    assertThat(select.out).isEqualTo(String.join("\n",
        "date       | events | bytes",
        "---------- | ------ | -----",
        "2024-03-10 | 2      | 15   ",
        "(1 rows)", ""));
    assertThat(select.summary.get("tables").get("curated.daily_totals").asText()).isEqualTo("catalog k_curated.daily_totals");
    assertThat(elsewhere.out).isEqualTo(String.join("\n",
        "date       | events | bytes",
        "---------- | ------ | -----",
        "2024-03-11 | 1      | 7    ",
        "(1 rows)", ""));
    assertThat(elsewhere.summary.get("tables").get("curated.daily_totals").asText()).isEqualTo("lake");
    // The shared test session also lists other tests' temp views: compare this database's lines.
    assertThat(show.out.lines().filter(l -> l.startsWith("k_curated")).map(l -> l.replaceAll(" +", " ").strip()))
        .containsExactly("k_curated | _runs | false", "k_curated | daily_totals | false");
  }

  private record Run(int code, String out, JsonNode summary) {}

  private Run run(java.util.function.Function<PrintStream, EtlJob<?>> jobWritingTo, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", dir.toString(),
        "--loglake.catalog.databases.processed", "k_processed", "--loglake.catalog.databases.curated", "k_curated",
        "--loglake.catalog.databases.quality", "k_quality"));
    all.addAll(List.of(args));
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    int code = JobRunner.execute(jobWritingTo.apply(out), all.toArray(String[]::new), out, System.err, java.time.Clock.systemUTC());
    String text = buffer.toString(StandardCharsets.UTF_8);
    int at = text.lastIndexOf("SUMMARY ");
    return new Run(code, text.substring(0, at), new ObjectMapper().readTree(text.substring(at + 8)));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
