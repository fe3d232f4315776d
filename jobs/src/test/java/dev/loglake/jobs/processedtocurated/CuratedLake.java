package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.testing.Rows;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A lake in a temp folder with the repo's conf/: literal processed tables, processed {@code _runs}
 * rows, and a clock the test moves forward between runs.
 */
final class CuratedLake {

  /** A clock tests set. */
  static final class TestClock extends Clock {
    Instant now;

    TestClock(String iso) {
      this.now = Instant.parse(iso);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    Instant tick() {
      now = now.plusSeconds(60);
      return now;
    }
  }

  final Path root;
  final TestClock clock = new TestClock("2024-03-11T06:00:00Z");
  final ProcessedToCuratedJob job = new ProcessedToCuratedJob(clock);

  CuratedLake(Path root) {
    this.root = root;
  }

  /** Runs processed-to-curated with {@code args} at the next tick. */
  Map<String, Object> run(SparkSession spark, String... args) {
    clock.tick();
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString()));
    all.addAll(List.of(args));
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), clock);
    return job.run(spark, job.config(etl)).figures();
  }

  /** Runs raw-to-processed with {@code args} at the next tick (its run log ends before the next run). */
  void rawToProcessed(SparkSession spark, String... args) {
    clock.tick();
    RawToProcessedJob r2p = new RawToProcessedJob(clock);
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString()));
    all.addAll(List.of(args));
    EtlConfig etl = EtlConfig.load(r2p.name(), JobArgs.parse(all.toArray(String[]::new), r2p.name(), r2p.options()), clock);
    r2p.run(spark, r2p.config(etl));
  }

  /** Writes a raw file under the raw zone. */
  void raw(String relative, String content) throws IOException {
    Path p = root.resolve("raw").resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  /** A models folder holding {@code files} (name, SQL, name, SQL ...). */
  Path models(String... nameAndSql) throws IOException {
    Path dir = Files.createDirectories(root.resolve("models"));
    for (int i = 0; i < nameAndSql.length; i += 2) {
      Files.writeString(dir.resolve(nameAndSql[i] + ".sql"), nameAndSql[i + 1]);
    }
    return dir;
  }

  /** Appends literal rows to processed table {@code table} (partitioned by date) and logs the run. */
  void ingest(SparkSession spark, String dataset, String table, StructType schema, List<String> dates, Row... rows) {
    Rows.of(spark, schema, rows).write().format("delta").mode("append").partitionBy("date")
        .save(root.resolve("processed").resolve(table).toString());
    Instant end = clock.tick();
    RunLog.append(spark, root.resolve("processed").toString(), new RunLog.Entry("r-" + end.getEpochSecond(),
        "raw-to-processed", dataset, "SUCCEEDED", 1, 0, rows.length, rows.length, 0, 0, Map.of(), dates,
        end.minusSeconds(30), end, null));
  }

  Dataset<Row> curated(SparkSession spark, String table) {
    return spark.read().format("delta").load(root.resolve("curated").resolve(table).toString());
  }

  String curatedPath(String table) {
    return root.resolve("curated").resolve(table).toString();
  }

  static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }
}
