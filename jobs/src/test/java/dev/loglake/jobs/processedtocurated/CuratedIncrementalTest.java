package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.DatasetAssert.assertSameData;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.processedtocurated.CuratedLake.ts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.error.ConfigException;
import dev.loglake.common.error.NoInputException;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Incremental builds: only changed dates are recomputed and rewritten; full refresh agrees. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedIncrementalTest {

  static final StructType WEB = Rows.schema("event_id STRING, event_ts TIMESTAMP, bytes BIGINT, date DATE");
  static final String TOTALS = "SELECT date, COUNT(*) AS events, SUM(bytes) AS bytes FROM processed.web_events GROUP BY date";
  static final String DOUBLED = "SELECT d.date, d.events * 2 AS events_x2 FROM curated.daily_totals d";
  static final Date MAR9 = Date.valueOf("2024-03-09");
  static final Date MAR10 = Date.valueOf("2024-03-10");

  @TempDir Path dir;
  CuratedLake lake;
  String models;

  @BeforeEach
  void lake(SparkSession spark) throws Exception {
    lake = new CuratedLake(dir);
    models = lake.models("daily_totals", TOTALS, "daily_doubled", DOUBLED).toString();
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-09", "2024-03-10"),
        row("e1", ts("2024-03-09T10:00:00Z"), 10L, MAR9),
        row("e2", ts("2024-03-10T10:00:00Z"), 20L, MAR10),
        row("e3", ts("2024-03-10T11:00:00Z"), 5L, MAR10));
  }

  Map<String, Object> run(SparkSession spark, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--models-dir", models, "--loglake.jobs.processed-to-curated.dataset-models", "false"));
    args.addAll(Arrays.asList(extra));
    return lake.run(spark, args.toArray(String[]::new));
  }

  @Test
  void lateDataForAnOldDateRewritesOnlyThatDatePartitionDownTheChain(SparkSession spark) {
    run(spark);
    Set<String> mar10Files = files(spark, "daily_totals", "date=2024-03-10");
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-09"), row("e4", ts("2024-03-09T23:00:00Z"), 1L, MAR9));

    Map<String, Object> figures = run(spark);

    assertRows(lake.curated(spark, "daily_totals"), row(MAR9, 2L, 11L), row(MAR10, 2L, 25L));
    assertRows(lake.curated(spark, "daily_doubled"), row(MAR9, 4L), row(MAR10, 4L));
    assertThat(files(spark, "daily_totals", "date=2024-03-10")).isEqualTo(mar10Files);
    Row last = DeltaTable.forPath(spark, lake.curatedPath("daily_totals")).history(1).first();
    assertThat(last.<String>getAs("operation")).isEqualTo("WRITE");
    assertThat(last.<String, String>getJavaMap(last.fieldIndex("operationParameters")).get("predicate"))
        .contains("2024-03-09").doesNotContain("2024-03-10");
    assertThat(figures).containsEntry("models", Map.of(
        "daily_totals", Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-09"), "rows_written", 1L),
        "daily_doubled", Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-09"), "rows_written", 1L)));
  }

  @Test
  void rerunWithNothingNewWritesNothing(SparkSession spark) {
    run(spark);
    long totals = version(spark, "daily_totals");
    long runs = version(spark, "_runs");

    Map<String, Object> figures = run(spark);

    assertThat(figures).containsEntry("models_built", 0L);
    assertThat(version(spark, "daily_totals")).isEqualTo(totals);
    assertThat(version(spark, "_runs")).isEqualTo(runs);
  }

  @Test
  void fullRefreshEqualsTheIncrementalBuildFromScratch(SparkSession spark) {
    run(spark);
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-10"), row("e5", ts("2024-03-10T12:00:00Z"), 7L, MAR10));
    run(spark);
    List<Row> incremental = lake.curated(spark, "daily_doubled").collectAsList();
    Dataset<Row> incrementalTotals = spark.createDataFrame(lake.curated(spark, "daily_totals").collectAsList(),
        lake.curated(spark, "daily_totals").schema());

    run(spark, "--full-refresh");

    assertSameData(lake.curated(spark, "daily_totals"), incrementalTotals);
    assertRows(lake.curated(spark, "daily_doubled"), incremental);
    assertRows(lake.curated(spark, "daily_totals"), row(MAR9, 1L, 10L), row(MAR10, 3L, 32L));
  }

  @Test
  void aMergeModelOnARangeWithoutDataWritesAndCountsNothing(SparkSession spark) throws Exception {
    String merged = "-- write-mode: merge\n-- key: event_id\nSELECT date, event_id, bytes FROM processed.web_events";
    models = lake.models("events_by_id", merged).toString();
    run(spark);
    long version = version(spark, "events_by_id");
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-10"), row("e4", ts("2024-03-10T12:00:00Z"), 7L, MAR10));

    assertThatThrownBy(() -> run(spark, "--models", "events_by_id", "--from", "2024-03-01", "--to", "2024-03-02"))
        .isInstanceOf(NoInputException.class)
        .hasMessage("No input rows for 2024-03-01..2024-03-02 in processed.web_events (processed.web_events holds"
            + " 2024-03-09..2024-03-10 (2 dates); use --from 2024-03-09 --to 2024-03-10). Check the path and the"
            + " dates, or pass --allow-empty if the range really had no data.");
    Map<String, Object> empty =
        run(spark, "--models", "events_by_id", "--from", "2024-03-01", "--to", "2024-03-02", "--allow-empty");
    long afterEmpty = version(spark, "events_by_id");
    Map<String, Object> next = run(spark, "--models", "events_by_id");

    // Nothing on those dates: no commit, 0 written (the table's last commit is the first build's).
    assertThat(empty).containsEntry("models", Map.of(
        "events_by_id", Map.of("status", "SUCCEEDED_RANGE", "dates", List.of("2024-03-01", "2024-03-02"), "rows_written", 0L)))
        .containsEntry("input_files", 0L).containsEntry("input_bytes", 0L);
    assertThat(afterEmpty).isEqualTo(version);
    // The next build inserts e4 and rewrites no other row: written = inserted + updated.
    assertThat(next).containsEntry("models", Map.of(
        "events_by_id", Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-10"), "rows_written", 1L)));
    assertRows(lake.curated(spark, "events_by_id"),
        row(MAR9, "e1", 10L), row(MAR10, "e2", 20L), row(MAR10, "e3", 5L), row(MAR10, "e4", 7L));
  }

  @Test
  void rangeRecomputesItsDatesWithoutMovingTheWatermark(SparkSession spark) {
    run(spark);
    lake.ingest(spark, "web_events", "web_events", WEB, List.of("2024-03-09"), row("e4", ts("2024-03-09T23:00:00Z"), 1L, MAR9));

    Map<String, Object> range = run(spark, "--models", "daily_totals", "--from", "2024-03-10", "--to", "2024-03-10");
    Map<String, Object> next = run(spark, "--models", "daily_totals");

    assertThat(range).containsEntry("models", Map.of(
        "daily_totals", Map.of("status", "SUCCEEDED_RANGE", "dates", List.of("2024-03-10"), "rows_written", 1L)));
    assertThat(next).containsEntry("models", Map.of(
        "daily_totals", Map.of("status", "SUCCEEDED", "dates", List.of("2024-03-09"), "rows_written", 1L)));
    assertRows(lake.curated(spark, "daily_totals"), row(MAR9, 2L, 11L), row(MAR10, 2L, 25L));
  }

  @Test
  void aModelWhoseSqlDoesNotRunIsAConfigErrorNamingTheFile(SparkSession spark) throws Exception {
    lake.models("daily_totals", "SELECT date, nope FROM processed.web_events");

    assertThatThrownBy(() -> run(spark, "--models", "daily_totals"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Curated model " + dir.resolve("models/daily_totals.sql") + ": its SQL does not run: ")
        .hasMessageContaining("`nope`");
  }

  @Test
  void aJobRunAppendsEveryModelsRunInOneCommitAndCreatesEachTableWithItsLineageInOne(SparkSession spark) {
    run(spark);

    assertThat(version(spark, "_runs")).isZero();
    assertThat(runs(spark)).containsExactly(
        "daily_doubled SUCCEEDED [2024-03-09, 2024-03-10]", "daily_totals SUCCEEDED [2024-03-09, 2024-03-10]");
    // The creating commit carries the lineage: no ALTER TABLE commit after it.
    assertThat(version(spark, "daily_totals")).isZero();
    assertThat(ModelWriter.properties(spark, lake.curatedPath("daily_totals")))
        .containsEntry("loglake.model", "daily_totals")
        .containsEntry("loglake.upstream", "processed.web_events");
  }

  @Test
  void theModelsBuiltBeforeAFailingOneKeepTheirRuns(SparkSession spark) throws Exception {
    lake.models("daily_doubled", "SELECT d.date, d.nope FROM curated.daily_totals d");

    assertThatThrownBy(() -> run(spark)).isInstanceOf(ConfigException.class).hasMessageContaining("daily_doubled");

    assertThat(runs(spark)).containsExactly("daily_totals SUCCEEDED [2024-03-09, 2024-03-10]");
    // So the next run does not recompute it.
    lake.models("daily_doubled", DOUBLED);
    Map<String, Object> figures = run(spark);
    assertThat(figures).containsEntry("models_built", 1L);
    assertThat(version(spark, "daily_totals")).isZero();
  }

  /** The curated {@code _runs} rows: model, status and dates, by model. */
  private List<String> runs(SparkSession spark) {
    return lake.curated(spark, "_runs").orderBy("dataset", "started_at").collectAsList().stream()
        .map(r -> r.getAs("dataset") + " " + r.getAs("status") + " " + r.getList(r.fieldIndex("partitions")))
        .toList();
  }

  private Set<String> files(SparkSession spark, String table, String partition) {
    Set<String> out = new TreeSet<>();
    for (String f : lake.curated(spark, table).inputFiles()) {
      if (f.contains("/" + partition + "/")) {
        out.add(f);
      }
    }
    return out;
  }

  private long version(SparkSession spark, String table) {
    return DeltaTable.forPath(spark, lake.curatedPath(table)).history(1).first().getLong(0);
  }
}
