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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * maintain's VACUUM on a real table: a file removed before the retention window is deleted, a file
 * removed inside it (time travel still reads it) is kept. The window is seconds long so the test can
 * wait it out; Delta refuses that unless its safety check is turned off, as this test's config does
 * (https://docs.delta.io/latest/delta-utility.html#remove-files-no-longer-referenced-by-a-delta-table).
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class MaintainVacuumTest {

  /**
   * Long enough that maintain (its table properties already set) reaches its VACUUM within it after the
   * second removal, even on a busy machine.
   */
  private static final Duration RETENTION = Duration.ofSeconds(45);
  private static final StructType SCHEMA = new StructType()
      .add("event_id", DataTypes.StringType, false)
      .add("bytes", DataTypes.LongType, false)
      .add("date", DataTypes.StringType, false);
  private static final String DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

  @TempDir Path root;

  @Test
  void deletesFilesRemovedBeforeTheWindowAndKeepsThoseTimeTravelNeeds(SparkSession spark) throws Exception {
    Path table = root.resolve("processed/web_events");
    String path = table.toString();
    write(spark, path, rows(0, 6), 2, "append"); // version 0: two files
    Set<Path> first = dataFiles(table);
    // The first maintain sets the table's properties (a commit) and removes nothing: nothing was removed.
    assertThat(maintainer(spark).maintain("processed", "web_events", path).vacuumed()).isZero();
    List<Row> secondRows = rows(10, 4);
    write(spark, path, secondRows, 1, "overwrite"); // version 1 removes version 0's files
    Set<Path> second = dataFiles(table);
    second.removeAll(first);
    sleepUntil(Instant.now().plus(RETENTION).plusSeconds(2));
    List<Row> thirdRows = rows(20, 5);
    write(spark, path, thirdRows, 1, "overwrite"); // version 2 removes version 1's file: inside the window
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
    assertSameData(spark.read().format("delta").option("versionAsOf", 1).load(path), frame(spark, secondRows));
    assertThatThrownBy(() -> spark.read().format("delta").option("versionAsOf", 0).load(path).collectAsList())
        .satisfies(e -> assertThat(first).anyMatch(f -> messages(e).contains(f.getFileName().toString())));

    // Right after a VACUUM, with only version 1's file removed (inside the window), it is not due: no commit.
    long version = version(spark, path);
    assertThat(maintainer(spark).maintain("processed", "web_events", path).vacuumed()).isZero();
    assertThat(version(spark, path)).isEqualTo(version);
    assertThat(dataFiles(table)).containsExactlyInAnyOrderElementsOf(concat(second, third));
  }

  private TableMaintainer maintainer(SparkSession spark) throws IOException {
    Path conf = root.resolve("maintain-test.conf");
    Files.writeString(conf, "loglake.spark.conf { \"" + MaintainConfig.DELTA_CHECK + "\" = false }\n"
        + "loglake.jobs.maintain.vacuum-retention = " + RETENTION.toSeconds() + "s\n");
    MaintainJob job = new MaintainJob();
    List<String> args = List.of("--conf-dir", "../conf", "--config", conf.toString(),
        "--loglake.lake.root", root.toString(), "--loglake.catalog.register", "false");
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(args.toArray(String[]::new), job.name(), job.options()),
        Clock.systemUTC());
    MaintainConfig config = job.config(etl);
    return new TableMaintainer(spark, config, etl.startedAt(), Optional.empty());
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

  private static void sleepUntil(Instant until) throws InterruptedException {
    long ms = Duration.between(Instant.now(), until).toMillis();
    if (ms > 0) {
      Thread.sleep(ms);
    }
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
