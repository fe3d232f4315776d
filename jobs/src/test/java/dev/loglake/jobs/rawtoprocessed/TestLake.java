package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.jobs.core.EtlJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A lake in a temp folder with the repo's conf/, and helpers to drop raw files into it. */
final class TestLake {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);

  final Path root;

  TestLake(Path root) {
    this.root = root;
  }

  Path raw(String relative) {
    return root.resolve("raw").resolve(relative).normalize();
  }

  Path write(String relative, String content) throws IOException {
    Path p = raw(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  Path writeGzip(String relative, String content) throws IOException {
    Path p = raw(relative);
    Files.createDirectories(p.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  /**
   * Writes {@code rows} as one {@code format} file (Spark's own writer, so Parquet, ORC and Avro
   * files are real) at {@code relative} under raw/.
   */
  Path writeWithSpark(Dataset<Row> rows, String format, String relative) throws IOException {
    Path tmp = root.resolve("_spark_out").resolve(relative);
    rows.coalesce(1).write().format(format).save(tmp.toString());
    Path part;
    try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
      part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    Path p = raw(relative);
    Files.createDirectories(p.getParent());
    return Files.move(part, p);
  }

  /** The job's validated config for {@code args} on this lake (repo conf/, env local). */
  <C> C config(EtlJob<C> job, String... args) {
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString()));
    all.addAll(List.of(args));
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), CLOCK);
    return job.config(etl);
  }

  Dataset<Row> table(SparkSession spark, String relative) {
    return spark.read().format("delta").load(root.resolve(relative).toString());
  }

  /**
   * A dataset's SUMMARY figures, once they pass the run's identity: every row read was written,
   * quarantined or a duplicate (a failed file's rows count as read and are none of those).
   */
  static java.util.Map<String, Object> checkedFigures(java.util.Map<String, Object> f) {
    long read = ((Number) f.get("rows_read")).longValue();
    long accounted = ((Number) f.get("rows_written")).longValue() + ((Number) f.get("rows_quarantined")).longValue()
        + ((Number) f.get("rows_duplicate")).longValue();
    if (((Number) f.get("files_failed")).longValue() == 0) {
      org.assertj.core.api.Assertions.assertThat(read).as("rows_read = rows_written + rows_quarantined + rows_duplicate in %s", f)
          .isEqualTo(accounted);
    } else {
      org.assertj.core.api.Assertions.assertThat(read).as("rows_read >= written + quarantined + duplicate in %s", f)
          .isGreaterThanOrEqualTo(accounted);
    }
    return f;
  }

  static String gzipOf(String s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
