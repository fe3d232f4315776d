package dev.loglake.jobs.quality;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.testing.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A lake in a temp folder with the repo's conf/ plus an extra config file, tiny processed and curated
 * tables, and their _runs rows.
 */
final class QualityLake {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);
  /** The two event dates the tests' tables hold. */
  static final Date D9 = Date.valueOf("2024-03-09");
  static final Date D10 = Date.valueOf("2024-03-10");

  final Path root;
  final Path extraConf;

  QualityLake(Path root, String extraConf) throws IOException {
    this.root = root;
    this.extraConf = root.resolve("extra.conf");
    Files.writeString(this.extraConf, extraConf);
  }

  /** The args every run gets: repo conf, this lake, the extra config file. */
  List<String> args(String... more) {
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString(),
        "--config", extraConf.toString()));
    all.addAll(List.of(more));
    return all;
  }

  QualityConfig config(QualityJob job, String... args) {
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(args(args).toArray(String[]::new), job.name(), job.options()), CLOCK);
    return job.config(etl);
  }

  /** Writes literal rows (with a date column) as the processed Delta table {@code table}. */
  void processed(SparkSession spark, String table, String ddl, Row... rows) {
    Rows.of(spark, Rows.schema(ddl), rows).write().format("delta").mode("append").partitionBy("date")
        .save(root.resolve("processed").resolve(table).toString());
  }

  /** Writes literal rows (with a date column) as the curated Delta table {@code table}. */
  void curated(SparkSession spark, String table, String ddl, Row... rows) {
    Rows.of(spark, Rows.schema(ddl), rows).write().format("delta").mode("append").partitionBy("date")
        .save(root.resolve("curated").resolve(table).toString());
  }

  /** A processed-to-curated run of model {@code model} that wrote {@code dates}, in the curated zone's _runs. */
  void curatedRun(SparkSession spark, String runId, String model, String status, Instant end, String... dates) {
    RunLog.append(spark, root.resolve("curated").toString(), new RunLog.Entry(runId, "processed-to-curated", model,
        status, 0, 0, 0, 10, 0, 0, Map.of(), List.of(dates), end.minusSeconds(60), end, null));
  }

  /** A successful raw-to-processed run of {@code dataset} in the processed zone's _runs. */
  void run(SparkSession spark, String runId, String dataset, long read, long quarantined, Instant end, String... dates) {
    RunLog.append(spark, root.resolve("processed").toString(), new RunLog.Entry(runId, "raw-to-processed", dataset,
        "SUCCEEDED", 1, 0, read, read - quarantined, quarantined, 0, Map.of(), List.of(dates), end.minusSeconds(60), end, null));
  }

  Dataset<Row> table(SparkSession spark, String relative) {
    return spark.read().format("delta").load(root.resolve(relative).toString());
  }
}
