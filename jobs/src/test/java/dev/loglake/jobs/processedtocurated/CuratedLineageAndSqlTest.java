package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.lineage.LineageJob;
import dev.loglake.jobs.sql.SqlJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The lineage graph and table properties of a built model, and the sql command over the lake. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedLineageAndSqlTest {

  static final StructType WEB = Rows.schema("event_id STRING, event_ts TIMESTAMP, bytes BIGINT, date DATE");

  @TempDir Path dir;

  @Test
  void recordsLineageInTablePropertiesPrintsTheGraphAndQueriesTheLake(SparkSession spark) throws Exception {
    CuratedLake lake = new CuratedLake(dir);
    String models = lake.models("daily_totals", CuratedIncrementalTest.TOTALS, "daily_doubled", CuratedIncrementalTest.DOUBLED).toString();
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-10"),
        row("e1", ts("2024-03-10T10:00:00Z"), 10L, Date.valueOf("2024-03-10")));
    lake.run(spark, "--models-dir", models, "--loglake.jobs.processed-to-curated.dataset-models", "false");
    String other = dir.resolve("models").resolve("daily_doubled.sql").toString();
    java.nio.file.Files.writeString(Path.of(other), CuratedIncrementalTest.DOUBLED + " WHERE d.events > 0");

    String lineage = output(new LineageJob(outStream()), spark, "--models-dir", models,
        "--loglake.jobs.processed-to-curated.dataset-models", "false");
    String sql = output(new SqlJob(outStream()), spark, "--query",
        "SELECT t.date, t.events, d.events_x2 FROM curated.daily_totals t JOIN curated.daily_doubled d USING (date)");

    assertThat(ModelWriter.properties(spark, lake.curatedPath("daily_totals"))).containsAllEntriesOf(Map.of(
        "loglake.model", "daily_totals",
        "loglake.upstream", "processed.web_events",
        "loglake.model.sql_sha256", ModelParser.parse(new ModelFile("daily_totals", "x", CuratedIncrementalTest.TOTALS,
            java.util.Optional.empty())).sqlHash()));
    // Sources are padded to one width; compare with single spaces.
    assertThat(lineage.replaceAll(" +-> ", " -> ")).isEqualTo(String.join("\n",
        "raw:" + dir.resolve("raw/AWSLogs") + " (alb) -> processed.alb_requests",
        "raw:" + dir.resolve("raw/events/transactions") + " (csv) -> processed.transactions",
        "raw:" + dir.resolve("raw/events/web") + " (json) -> processed.web_events",
        "processed.web_events -> curated.daily_totals",
        "curated.daily_totals -> curated.daily_doubled  [built from other SQL; rebuild with --full-refresh]", ""));
    assertThat(sql).isEqualTo(String.join("\n",
        "date       | events | events_x2",
        "---------- | ------ | ---------",
        "2024-03-10 | 1      | 2        ",
        "(1 rows)", ""));
  }

  private ByteArrayOutputStream buffer;

  private PrintStream outStream() {
    buffer = new ByteArrayOutputStream();
    return new PrintStream(buffer, true, StandardCharsets.UTF_8);
  }

  private <C> String output(EtlJob<C> job, SparkSession spark, String... args) {
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", dir.toString()));
    all.addAll(List.of(args));
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()),
        java.time.Clock.systemUTC());
    job.run(spark, job.config(etl));
    return buffer.toString(StandardCharsets.UTF_8);
  }
}
