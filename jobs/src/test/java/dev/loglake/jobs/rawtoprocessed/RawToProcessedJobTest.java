package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** raw-to-processed on tiny hand-written web events and transactions. */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class RawToProcessedJobTest {

  static final String WEB = "events/web/year=2024/month=03/day=10/";
  static final String TX = "events/transactions/year=2024/month=03/day=10/";

  static final String WEB_LINES =
      String.join("\n",
          "{\"event_id\":\"e1\",\"event_ts\":\"2024-03-10T10:00:00Z\",\"session_id\":\"s1\",\"user_id\":\"u1\",\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"latency_ms\":12.5,\"bytes\":100,\"client_ip\":\"203.0.113.77\",\"user_agent\":\"ua\",\"referrer\":null}",
          "{\"event_id\":\"e2\",\"event_ts\":\"2024-03-10T23:59:59Z\",\"session_id\":\"s1\",\"user_id\":\"u1\",\"method\":\"POST\",\"path\":\"/cart\",\"status\":201,\"latency_ms\":40,\"bytes\":5,\"client_ip\":\"2001:db8:85a3:1:2:3:4:5\"}",
          "{\"event_id\":\"e1\",\"event_ts\":\"2024-03-10T10:00:00Z\",\"session_id\":\"s1\",\"user_id\":\"u1\",\"method\":\"GET\",\"path\":\"/\",\"status\":200,\"latency_ms\":12.5,\"bytes\":100,\"client_ip\":\"203.0.113.77\",\"user_agent\":\"ua\",\"referrer\":null}",
          "{\"event_id\":\"e3\",\"event_ts\":\"2024-03-10T11:00:00Z\",\"status\":\"abc\"}",
          "{\"event_id\":\"e4\", broken",
          "",
          "{\"event_id\":\"e5\",\"event_ts\":\"2024-03-10T12:00:00Z\",\"method\":\"FETCH\"}",
          "{\"event_id\":\"e6\",\"status\":200}",
          "{\"event_id\":\"e7\",\"event_ts\":\"2024-03-10T13:00:00Z\",\"colour\":\"red\"}");

  @TempDir Path dir;
  TestLake lake;

  @BeforeEach
  void lake() {
    lake = new TestLake(dir);
  }

  @Test
  void ingestsWebEventsAndQuarantinesEveryBadRecordWithItsReason(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);

    JobResult result = run(spark, "--datasets", "web_events");

    Dataset<Row> table = lake.table(spark, "processed/web_events");
    // 13 optional columns: 10 flat ones and 3 from the tracker's nested context, which these events lack.
    assertRows(
        table.select("event_id", "event_ts", "method", "status", "latency_ms", "bytes", "client_ip", "referrer", "page_url",
            "device", "date", "_line_number", "_quality_score"),
        row("e1", ts("2024-03-10 10:00:00"), "GET", 200, 12.5, 100L, "203.0.113.0", null, null, null, Date.valueOf("2024-03-10"),
            1L, 9.0 / 13),
        row("e2", ts("2024-03-10 23:59:59"), "POST", 201, 40.0, 5L, "2001:db8:85a3::", null, null, null,
            Date.valueOf("2024-03-10"), 2L, 8.0 / 13));
    assertRows(
        lake.table(spark, "processed/_quarantine/web_events").select("line_number", "reason", "reasons"),
        row(4L, "bad_type:status", List.of("bad_type:status")),
        row(5L, "malformed_json", List.of("malformed_json: Unexpected character ('b' (code 98)): was expecting double-quote to start field name")),
        row(7L, "rule:allowed-values:method", List.of("rule:allowed-values:method")),
        row(8L, "missing_required:event_ts", List.of("missing_required:event_ts", "missing_event_time")),
        row(9L, "schema:unknown-field:colour", List.of("schema:unknown-field:colour")));
    assertThat(figures(result, "web_events"))
        .containsEntry("files", 1L).containsEntry("rows_read", 8L).containsEntry("rows_written", 2L)
        .containsEntry("rows_quarantined", 5L).containsEntry("rows_duplicate", 1L)
        .containsEntry("partitions", List.of("2024-03-10"));
  }

  @Test
  void ingestsTransactionsCsvWithTypedColumns(SparkSession spark) throws Exception {
    lake.write(TX + "t.csv", String.join("\n",
        "id,customer_id,transaction_date,amount,currency,status",
        "t1,c1,2024-03-10T08:00:00Z,10.50,EUR,completed",
        "t2,c2,2024-03-10T09:30:00Z,99.99,USD,",
        "t3,c3,2024-03-10T09:31:00Z,1.00,USD",
        "t4,c4,2024-03-10T09:32:00Z,ten,USD,pending",
        "t5,c5,2024-03-10T09:33:00Z,3.00,usd,pending"));

    run(spark, "--datasets", "transactions");

    assertRows(
        lake.table(spark, "processed/transactions").select("id", "customer_id", "transaction_date", "amount", "currency", "status", "date"),
        row("t1", "c1", ts("2024-03-10 08:00:00"), new java.math.BigDecimal("10.50"), "EUR", "completed", Date.valueOf("2024-03-10")),
        row("t2", "c2", ts("2024-03-10 09:30:00"), new java.math.BigDecimal("99.99"), "USD", null, Date.valueOf("2024-03-10")));
    assertRows(
        lake.table(spark, "processed/_quarantine/transactions").select("line_number", "reason", "raw"),
        row(4L, "malformed_csv", "t3,c3,2024-03-10T09:31:00Z,1.00,USD"),
        row(5L, "bad_type:amount", "t4,c4,2024-03-10T09:32:00Z,ten,USD,pending"),
        row(6L, "rule:regex:currency", "t5,c5,2024-03-10T09:33:00Z,3.00,usd,pending"));
  }

  @Test
  void rerunWithNoNewFilesWritesNothing(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    run(spark, "--datasets", "web_events");
    long version = DeltaTable.forPath(spark, dir.resolve("processed/web_events").toString()).history(1).first().getLong(0);

    JobResult again = run(spark, "--datasets", "web_events");

    assertThat(figures(again, "web_events")).containsEntry("status", "NO_NEW_FILES").containsEntry("files", 0L);
    assertThat(DeltaTable.forPath(spark, dir.resolve("processed/web_events").toString()).history(1).first().getLong(0))
        .isEqualTo(version);
  }

  @Test
  void killedAfterDataCommitThenRerunLeavesTheTablesOfACleanRun(SparkSession spark, @TempDir Path cleanDir) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    TestLake clean = new TestLake(cleanDir);
    clean.write(WEB + "part-0.json", WEB_LINES);
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    job.run(spark, clean.config(job, "--datasets", "web_events", "--from", "2024-03-10", "--to", "2024-03-10"));

    assertThatThrownBy(() -> run(spark, "--datasets", "web_events", "--loglake.jobs.raw-to-processed.fail-after", "data-commit"))
        .hasMessageContaining("fault injected");
    assertThat(new dev.loglake.common.io.Ledger(spark, lakeZones()).recorded("web_events")).isEmpty();
    run(spark, "--datasets", "web_events");

    org.apache.spark.sql.Column[] cols = java.util.stream.Stream.of("event_id", "event_ts", "client_ip", "status", "date", "_source_file", "_line_number", "_record_key").map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
    assertRows(withoutLakePrefix(lake.table(spark, "processed/web_events").select(cols)),
        withoutLakePrefix(clean.table(spark, "processed/web_events").select(cols)).collectAsList());
    assertThat(lake.table(spark, "processed/_quarantine/web_events").count()).isEqualTo(5);
    assertThat(new dev.loglake.common.io.Ledger(spark, lakeZones()).recorded("web_events")).hasSize(1);
  }

  @Test
  void sameFileDeliveredTwiceUnderTwoNamesAddsNoDuplicates(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    run(spark, "--datasets", "web_events");
    lake.write(WEB + "part-0-redelivered.json", WEB_LINES);

    JobResult second = run(spark, "--datasets", "web_events");

    assertThat(lake.table(spark, "processed/web_events").count()).isEqualTo(2);
    assertThat(lake.table(spark, "processed/_quarantine/web_events").count()).isEqualTo(10);
    assertThat(figures(second, "web_events")).containsEntry("rows_written", 0L).containsEntry("rows_duplicate", 3L);
  }

  @Test
  void unreadableFileIsRecordedAsFailedAndTheOthersAreIngested(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    lake.write(WEB + "part-1.json.gz", "this is not gzip");

    JobResult result = run(spark, "--datasets", "web_events");

    assertThat(lake.table(spark, "processed/web_events").count()).isEqualTo(2);
    assertThat(figures(result, "web_events")).containsEntry("files", 2L).containsEntry("files_failed", 1L);
    assertRows(
        lake.table(spark, "processed/_ledger").selectExpr("regexp_extract(path, '[^/]+$', 0)", "status", "rows"),
        row("part-0.json", "committed", 8L),
        row("part-1.json.gz", "failed", 0L));
  }

  @Test
  void theDatasetsOfARunShareOneRunLogCommitAndOneLedgerCommitWrittenAfterTheirData(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    lake.write(TX + "t.csv", "id,customer_id,transaction_date,amount,currency,status\nt1,c1,2024-03-10T08:00:00Z,10.50,EUR,completed");

    run(spark, "--datasets", "web_events,transactions");

    // On S3 every commit is several round trips: one _runs commit and one ledger commit per run.
    for (String table : List.of("processed/_runs", "processed/_ledger")) {
      assertRows(DeltaTable.forPath(spark, dir.resolve(table).toString()).history().select("version", "operation"),
          row(0L, "WRITE"));
    }
    assertRows(lake.table(spark, "processed/_runs").select("dataset", "status", "files", "rows_written"),
        row("web_events", "SUCCEEDED", 1L, 2L), row("transactions", "SUCCEEDED", 1L, 1L));
    assertRows(lake.table(spark, "processed/_ledger").selectExpr("dataset", "regexp_extract(path, '[^/]+$', 0)", "status", "rows"),
        row("web_events", "part-0.json", "committed", 8L), row("transactions", "t.csv", "committed", 1L));
    // The ledger commit is the run's last: every data table's commit is older.
    long ledgerAt = commitTime(spark, "processed/_ledger");
    for (String table : List.of("processed/web_events", "processed/transactions", "processed/_runs",
        "processed/_quarantine/web_events")) {
      assertThat(commitTime(spark, table)).as(table).isLessThanOrEqualTo(ledgerAt);
    }
  }

  private long commitTime(SparkSession spark, String table) {
    return DeltaTable.forPath(spark, dir.resolve(table).toString()).history(1).first().getTimestamp(1).getTime();
  }

  @Test
  void oneDatasetFailingLeavesTheOtherDatasetsTablesAndLedgerIntact(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    // Magic numbers and footer intact, data pages overwritten: it passes the file checks and fails the read.
    Path broken = lake.writeWithSpark(
        dev.loglake.common.testing.Rows.of(spark, dev.loglake.common.testing.Rows.schema("id STRING"),
            dev.loglake.common.testing.Rows.row("x")), "parquet", "events/broken/a.parquet");
    byte[] bytes = java.nio.file.Files.readAllBytes(broken);
    java.util.Arrays.fill(bytes, 4, 24, (byte) 0xff);
    java.nio.file.Files.write(broken, bytes);
    Path extra = lake.write("../broken.conf",
        "loglake.datasets.broken { raw { path = events/broken, format = parquet }, schema = [{ name = id }], key = [id] }");

    assertThatThrownBy(() -> run(spark, "--datasets", "broken,web_events", "--config", extra.toString()))
        .isInstanceOf(DatasetsFailedException.class)
        .hasMessageContaining("[broken]");

    assertThat(lake.table(spark, "processed/web_events").count()).isEqualTo(2);
    assertRows(
        lake.table(spark, "processed/_ledger").selectExpr("dataset", "regexp_extract(path, '[^/]+$', 0)", "status"),
        row("web_events", "part-0.json", "committed"));
    assertRows(lake.table(spark, "processed/_runs").select("dataset", "status", "rows_written"),
        row("web_events", "SUCCEEDED", 2L));
  }

  @Test
  void aLakeWithAnUnpartitionedLedgerIsUpgradedWithoutIngestingItsFilesAgain(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    run(spark, "--datasets", "web_events");
    String ledger = dir.resolve("processed/_ledger").toString();
    List<Row> before = lake.table(spark, "processed/_ledger").drop(dev.loglake.common.io.Ledger.DATE).collectAsList();
    // The ledger as an earlier version wrote it: unpartitioned, without raw_date.
    lake.table(spark, "processed/_ledger").drop(dev.loglake.common.io.Ledger.DATE).write().format("delta")
        .mode("overwrite").option("overwriteSchema", "true").option("partitionOverwriteMode", "static").save(ledger);
    lake.write(WEB + "part-1.json", WEB_LINES.replace(":\"e", ":\"n"));

    JobResult upgraded = run(spark, "--datasets", "web_events");

    assertThat(figures(upgraded, "web_events")).containsEntry("files", 1L).containsEntry("rows_written", 2L);
    Row detail = DeltaTable.forPath(spark, ledger).detail().first();
    assertThat(detail.<String>getList(detail.fieldIndex("partitionColumns"))).containsExactly("raw_date");
    assertRows(lake.table(spark, "processed/_ledger").where("path LIKE '%part-0.json'"),
        before.stream().map(r -> withDate(r, "2024-03-10")).toList());
    assertRows(lake.table(spark, "processed/_ledger").selectExpr("regexp_extract(path, '[^/]+$', 0)", "status", "rows", "raw_date"),
        row("part-0.json", "committed", 8L, Date.valueOf("2024-03-10")),
        row("part-1.json", "committed", 8L, Date.valueOf("2024-03-10")));
  }

  @Test
  void filesListedAgainLongAfterTheirRunAreNotIngestedAgain(SparkSession spark) throws Exception {
    lake.write(WEB + "part-0.json", WEB_LINES);
    lake.write("events/flat/part-0.json", "{\"id\":\"a\",\"at\":\"2024-03-10T10:00:00Z\"}");
    Path flat = lake.write("../flat.conf", "loglake.datasets.flat { raw { path = events/flat, format = json, layout = none }, "
        + "schema = [{ name = id }, { name = at, type = timestamp }], key = [id], event-time = at }");
    run(spark, "--datasets", "web_events,flat", "--config", flat.toString());
    long version = DeltaTable.forPath(spark, dir.resolve("processed/_ledger").toString()).history(1).first().getLong(0);

    // A year later: a backfill of the month lists the dated file again, and the flat folder's file
    // (no date folder: its ledger day is that of its modification time) is listed by every run.
    java.time.Clock later = java.time.Clock.offset(TestLake.CLOCK, java.time.Duration.ofDays(365));
    RawToProcessedJob job = new RawToProcessedJob(later);
    JobResult again = job.run(spark, lake.config(job, "--datasets", "web_events,flat", "--config", flat.toString(),
        "--from", "2024-03-01", "--to", "2024-03-31"));

    assertThat(figures(again, "web_events")).containsEntry("status", "NO_NEW_FILES");
    assertThat(figures(again, "flat")).containsEntry("status", "NO_NEW_FILES");
    assertThat(DeltaTable.forPath(spark, dir.resolve("processed/_ledger").toString()).history(1).first().getLong(0))
        .isEqualTo(version);
    assertThat(lake.table(spark, "processed/_ledger").select("dataset").distinct().count()).isEqualTo(2);
  }

  private static Row withDate(Row r, String date) {
    Object[] values = new Object[r.length() + 1];
    for (int i = 0; i < r.length(); i++) {
      values[i] = r.get(i);
    }
    values[r.length()] = Date.valueOf(date);
    return org.apache.spark.sql.RowFactory.create(values);
  }

  private JobResult run(SparkSession spark, String... args) {
    RawToProcessedJob job = new RawToProcessedJob(TestLake.CLOCK);
    return job.run(spark, lake.config(job, args));
  }

  private dev.loglake.common.config.LakeZones lakeZones() {
    String r = dir.toString();
    return new dev.loglake.common.config.LakeZones(r + "/raw", r + "/processed", r + "/curated", r + "/quality", r + "/reports");
  }

  private Dataset<Row> withoutLakePrefix(Dataset<Row> table) {
    return table.withColumn("_source_file", org.apache.spark.sql.functions.regexp_extract(table.col("_source_file"), "raw/.*$", 0));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(JobResult result, String dataset) {
    Map<String, Object> f = (Map<String, Object>) ((Map<String, Object>) result.figures().get("datasets")).get(dataset);
    return f == null || !f.containsKey("rows_read") ? f : TestLake.checkedFigures(f);
  }

  private static Timestamp ts(String s) {
    return Timestamp.valueOf(s);
  }
}
