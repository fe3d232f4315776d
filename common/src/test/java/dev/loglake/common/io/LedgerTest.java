package dev.loglake.common.io;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.testing.SparkTestSession;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTestSession.class)
class LedgerTest {

  private static final Instant AT = Instant.parse("2024-03-11T06:00:00Z");
  private static final long MODIFIED = Instant.parse("2024-03-11T01:00:00Z").toEpochMilli();

  @TempDir Path dir;
  LakeZones zones;
  RawFile web10;
  RawFile web11;
  RawFile flat;

  @BeforeEach
  void zones() {
    String r = dir.toString();
    zones = new LakeZones(r + "/raw", r + "/processed", r + "/curated", r + "/quality", r + "/reports");
    web10 = new RawFile(r + "/raw/web/year=2024/month=03/day=10/a.json", 10, MODIFIED);
    web11 = new RawFile(r + "/raw/web/year=2024/month=03/day=11/b.json", 20, MODIFIED);
    flat = new RawFile(r + "/raw/flat/c.json", 30, MODIFIED);
  }

  @Test
  void recordsEachEntryWholeInItsRawFilesDayPartition(SparkSession spark) {
    Ledger ledger = new Ledger(spark, zones);

    ledger.record("web_events", "run-1", List.of(
        new Ledger.Entry(web10, Ledger.Entry.COMMITTED, null, 5),
        new Ledger.Entry(web11, Ledger.Entry.FAILED, "not gzip", 0),
        new Ledger.Entry(flat, Ledger.Entry.COMMITTED, null, 7)), AT);

    assertRows(spark.read().format("delta").load(ledger.path()),
        row("web_events", web10.path(), 10L, MODIFIED, "run-1", "committed", null, 5L, Timestamp.from(AT), Date.valueOf("2024-03-10")),
        row("web_events", web11.path(), 20L, MODIFIED, "run-1", "failed", "not gzip", 0L, Timestamp.from(AT), Date.valueOf("2024-03-11")),
        // No date folder: the day of its modification time.
        row("web_events", flat.path(), 30L, MODIFIED, "run-1", "committed", null, 7L, Timestamp.from(AT), Date.valueOf("2024-03-11")));
    assertThat(partitionColumns(spark, ledger)).containsExactly(Ledger.DATE);
  }

  @Test
  void unrecordedKeepsTheListedFilesWithoutAnEntryOfTheDatasetInListedOrder(SparkSession spark) {
    Ledger ledger = new Ledger(spark, zones);
    RawFile flatOfTransactions = new RawFile(flat.path(), flat.size(), flat.modificationTime());
    ledger.record("web_events", "run-1", List.of(new Ledger.Entry(web10, Ledger.Entry.COMMITTED, null, 5),
        new Ledger.Entry(web11, Ledger.Entry.FAILED, "not gzip", 0)), AT);
    ledger.record("transactions", "run-1", List.of(new Ledger.Entry(flatOfTransactions, Ledger.Entry.COMMITTED, null, 1)), AT);
    // The same path with a new size (the file was fixed) is a new file.
    RawFile web11Fixed = new RawFile(web11.path(), 21, MODIFIED + 1);

    assertThat(ledger.unrecorded("web_events", List.of(flat, web10, web11Fixed, web11))).containsExactly(flat, web11Fixed);
    assertThat(ledger.unrecorded("transactions", List.of(web10, flat))).containsExactly(web10);
    assertThat(new Ledger(spark, zones).unrecorded("other", List.of(web10))).containsExactly(web10);
  }

  @Test
  void aLookupReadsOnlyThePartitionsOfTheListedFilesDays(SparkSession spark) throws IOException {
    Ledger ledger = new Ledger(spark, zones);
    ledger.record("web_events", "run-1", List.of(new Ledger.Entry(web10, Ledger.Entry.COMMITTED, null, 5),
        new Ledger.Entry(web11, Ledger.Entry.COMMITTED, null, 6)), AT);
    // The data of day 11 is gone: any read of that partition fails.
    try (Stream<Path> files = Files.list(Path.of(ledger.path(), Ledger.DATE + "=2024-03-11"))) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    RawFile new10 = new RawFile(web10.path().replace("a.json", "new.json"), 1, MODIFIED);

    assertThat(ledger.unrecorded("web_events", List.of(web10, new10))).containsExactly(new10);
    assertThatThrownBy(() -> ledger.unrecorded("web_events", List.of(web11))).hasStackTraceContaining("does not exist");
  }

  @Test
  void anUnpartitionedLedgerOfAnEarlierVersionIsRewrittenPartitionedOnceWithEveryEntry(SparkSession spark) {
    Ledger ledger = new Ledger(spark, zones);
    StructType oldSchema = new StructType(java.util.Arrays.copyOf(Ledger.SCHEMA.fields(), Ledger.SCHEMA.fields().length - 1));
    List<Row> old = List.of(
        row("web_events", web10.path(), 10L, MODIFIED, "run-0", "committed", null, 5L, Timestamp.from(AT)),
        row("web_events", web11.path(), 20L, MODIFIED, "run-0", "failed", "not gzip", 0L, Timestamp.from(AT)),
        row("transactions", flat.path(), 30L, MODIFIED, "run-0", "committed", null, 7L, Timestamp.from(AT)));
    spark.createDataFrame(old, oldSchema).write().format("delta").save(ledger.path());
    RawFile new11 = new RawFile(web11.path().replace("b.json", "new.json"), 1, MODIFIED);

    assertThat(ledger.unrecorded("web_events", List.of(web10, web11, new11, flat))).containsExactly(new11, flat);

    assertThat(partitionColumns(spark, ledger)).containsExactly(Ledger.DATE);
    assertRows(spark.read().format("delta").load(ledger.path()),
        row("web_events", web10.path(), 10L, MODIFIED, "run-0", "committed", null, 5L, Timestamp.from(AT), Date.valueOf("2024-03-10")),
        row("web_events", web11.path(), 20L, MODIFIED, "run-0", "failed", "not gzip", 0L, Timestamp.from(AT), Date.valueOf("2024-03-11")),
        row("transactions", flat.path(), 30L, MODIFIED, "run-0", "committed", null, 7L, Timestamp.from(AT), Date.valueOf("2024-03-11")));
    long version = version(spark, ledger);
    // Once: a later run (a new Ledger) looks it up and records without rewriting it again.
    Ledger later = new Ledger(spark, zones);
    assertThat(later.unrecorded("web_events", List.of(web10, new11))).containsExactly(new11);
    later.record("web_events", "run-1", List.of(new Ledger.Entry(new11, Ledger.Entry.COMMITTED, null, 1)), AT);
    assertThat(version(spark, ledger)).isEqualTo(version + 1);
    assertThat(later.unrecorded("web_events", List.of(web10, new11))).isEmpty();
  }

  @Test
  void recordingIntoAnUnpartitionedLedgerRewritesItFirst(SparkSession spark) {
    Ledger ledger = new Ledger(spark, zones);
    StructType oldSchema = new StructType(java.util.Arrays.copyOf(Ledger.SCHEMA.fields(), Ledger.SCHEMA.fields().length - 1));
    spark.createDataFrame(List.of(row("web_events", web10.path(), 10L, MODIFIED, "run-0", "committed", null, 5L, Timestamp.from(AT))),
        oldSchema).write().format("delta").save(ledger.path());

    ledger.record("web_events", "run-1", List.of(new Ledger.Entry(web11, Ledger.Entry.COMMITTED, null, 2)), AT);

    assertThat(partitionColumns(spark, ledger)).containsExactly(Ledger.DATE);
    assertRows(spark.read().format("delta").load(ledger.path()),
        row("web_events", web10.path(), 10L, MODIFIED, "run-0", "committed", null, 5L, Timestamp.from(AT), Date.valueOf("2024-03-10")),
        row("web_events", web11.path(), 20L, MODIFIED, "run-1", "committed", null, 2L, Timestamp.from(AT), Date.valueOf("2024-03-11")));
  }

  private static List<String> partitionColumns(SparkSession spark, Ledger ledger) {
    Row detail = DeltaTable.forPath(spark, ledger.path()).detail().first();
    return detail.getList(detail.fieldIndex("partitionColumns"));
  }

  private static long version(SparkSession spark, Ledger ledger) {
    return DeltaTable.forPath(spark, ledger.path()).history(1).first().getLong(0);
  }
}
