package dev.loglake.jobs.maintain;

import static dev.loglake.common.testing.DatasetAssert.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.DeltaOperations;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.ManualClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * maintain's VACUUM on a real table with the shipped 7-day window: files a commit removed 8 days ago
 * are deleted, a file removed today (time travel still reads it) is kept. Delta's VACUUM deletes a
 * file when no current file or tombstone younger than the window references it and it was last
 * modified before the window (https://docs.delta.io/latest/delta-utility.html#remove-files-no-longer-referenced-by-a-delta-table).
 * The old removal is made as Delta's own tests make one: its commit under a manual clock set 8 days
 * back, its tombstone and its files' times 8 and 9 days back.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class MaintainVacuumTest {

  private static final StructType SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("bytes", DataTypes.LongType, false)
      .add("date", DataTypes.StringType, false);
  private static final String DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  @TempDir Path root;

  @Test
  void deletesFilesRemovedBeforeTheWindowAndKeepsThoseTimeTravelNeeds(SparkSession spark) throws Exception {
    Path table = root.resolve("processed/web_events");
    String path = table.toString();
    long start = System.currentTimeMillis();
    ManualClock clock = new ManualClock(start - 9 * DAY_MS);
    // Created first, so every write below finds this DeltaLog (and its clock) in Delta's cache.
    DeltaLog log = DeltaLog.forTable(spark, new org.apache.hadoop.fs.Path(path), clock);
    write(spark, path, rows(0, 6), 2, "append"); // version 0, 9 days ago: two files
    assertThat(DeltaLog.forTable(spark, path)).isSameAs(log);
    Set<Path> first = dataFiles(table);
    for (Path f : first) {
      Files.setLastModifiedTime(f, FileTime.fromMillis(start - 9 * DAY_MS));
    }
    clock.setTime(start - 8 * DAY_MS);
    removeAll(log, start - 8 * DAY_MS); // version 1, 8 days ago: removes them
    List<Row> secondRows = rows(10, 4);
    write(spark, path, secondRows, 1, "append"); // version 2
    Set<Path> second = dataFiles(table);
    second.removeAll(first);
    clock.setTime(System.currentTimeMillis());
    List<Row> thirdRows = rows(20, 5);
    write(spark, path, thirdRows, 1, "overwrite"); // version 3, now: removes version 2's file
    Set<Path> third = dataFiles(table);
    third.removeAll(first);
    third.removeAll(second);
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(1);
    assertThat(third).hasSize(1);
    Set<Path> before = paths(table);

    TableReport report = maintainer(spark).maintain("processed", "web_events", path);

    // Deleted: version 0's files, and any folder left empty (Delta counts "files and directories").
    Set<Path> deleted = new TreeSet<>(before);
    deleted.removeAll(paths(table));
    assertThat(deleted).containsAll(first);
    assertThat(deleted.stream().filter(p -> !first.contains(p))).allMatch(p -> !p.toString().endsWith(".parquet"));
    assertThat(report.vacuumed()).as(deleted.toString()).isEqualTo(deleted.size());
    assertThat(dataFiles(table)).containsExactlyInAnyOrderElementsOf(concat(second, third));
    assertSameData(spark.read().format("delta").load(path), frame(spark, thirdRows));
    // Time travel inside the window still works; to version 0, whose files are gone, it no longer does.
    assertSameData(spark.read().format("delta").option("versionAsOf", 2).load(path), frame(spark, secondRows));
    assertThatThrownBy(() -> spark.read().format("delta").option("versionAsOf", 0).load(path).collectAsList())
        .satisfies(e -> assertThat(first).anyMatch(f -> messages(e).contains(f.getFileName().toString())));

    // Right after a VACUUM, with only version 2's file removed (inside the window), it is not due: no commit.
    long version = version(spark, path);
    assertThat(maintainer(spark).maintain("processed", "web_events", path).vacuumed()).isZero();
    assertThat(version(spark, path)).isEqualTo(version);
    assertThat(dataFiles(table)).containsExactlyInAnyOrderElementsOf(concat(second, third));
  }

  /** One commit removing every current file, with tombstones dated {@code at}. */
  private static void removeAll(DeltaLog log, long at) {
    List<Action> removes = new ArrayList<>();
    for (AddFile f : log.update(false, scala.Option.empty(), scala.Option.empty()).allFiles().collectAsList()) {
      removes.add(f.removeWithTimestamp(at, true));
    }
    log.startTransaction().commit(JavaConverters.asScalaBuffer(removes).toSeq(), DeltaOperations.ManualUpdate$.MODULE$);
  }

  private TableMaintainer maintainer(SparkSession spark) {
    MaintainJob job = new MaintainJob();
    List<String> args = List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString(),
        "--loglake.catalog.register", "false");
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(args.toArray(String[]::new), job.name(), job.options()),
        Clock.systemUTC());
    return new TableMaintainer(spark, job.config(etl), etl.startedAt(), Optional.empty());
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }

  private static long version(SparkSession spark, String path) {
    return DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty()).version();
  }

  /** Every file and folder of the table but its log and hidden files (the local file system's .crc files). */
  private static Set<Path> paths(Path table) throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return new TreeSet<>(files.filter(f -> !f.equals(table) && !table.relativize(f).toString().startsWith("_delta_log")
          && !f.getFileName().toString().startsWith(".")).toList());
    }
  }

  private static Set<Path> dataFiles(Path table) throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return new TreeSet<>(files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList());
    }
  }

  private static List<Path> concat(Set<Path> a, Set<Path> b) {
    List<Path> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<Row> rows(int from, int n) {
    List<Row> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(RowFactory.create("e-" + i, (long) i * 100, DAY));
    }
    return out;
  }

  private static Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static void write(SparkSession spark, String path, List<Row> rows, int files, String mode) {
    frame(spark, rows).repartition(files).write().format("delta").mode(mode).partitionBy("date").save(path);
  }
}
