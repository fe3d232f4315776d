package dev.loglake.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedJob;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import dev.loglake.jobs.sample.SampleDataGenerator;
import dev.loglake.jobs.sample.SampleDataOptions;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped rules of conf/datasets/*.conf on one generated day (ALB logs cut to 1 MiB): the planted
 * bad records make every dataset score below 100, with the rules that catch them named, and only
 * warning-level rules fail, so the pipeline's gate lets the demo day through. The shipped rules of
 * conf/quality/*.conf pass on the two curated tables built from that day. The day's 574 small ALB
 * files are joined into one (gzip members concatenate; every line, damaged ones included, is kept), since
 * raw-to-processed's per-file cost would otherwise take minutes here. Still the slowest quality test,
 * hence tagged "slow": skip it with -DexcludedGroups=slow.
 */
@Tag("e2e")
@Tag("slow")
@ExtendWith(SparkTestSession.class)
class SampleDataQualityTest {

  static final LocalDate DAY = LocalDate.parse("2024-03-10");

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void generatedDayScoresBelowHundredWithThePlantedProblemsNamed(SparkSession spark) throws Exception {
    new SampleDataGenerator(FileSystem.getLocal(new Configuration()))
        .generate(new org.apache.hadoop.fs.Path(dir.resolve("raw").toString()), new SampleDataOptions(DAY, 1, 42L, 1));
    joinAlbFiles(dir.resolve("raw/AWSLogs"));
    RawToProcessedJob ingest = new RawToProcessedJob(QualityLake.CLOCK);
    ingest.run(spark, ingest.config(etl(ingest.name(), ingest.options(), "--from", "2024-03-10", "--to", "2024-03-10")));
    ProcessedToCuratedJob curate = new ProcessedToCuratedJob(QualityLake.CLOCK);
    curate.run(spark, curate.config(etl(curate.name(), curate.options(), "--models", "web_kpis_daily,transactions_daily_status")));

    QualityJob quality = new QualityJob(QualityLake.CLOCK);
    JobResult result = quality.run(spark, quality.config(etl(quality.name(), quality.options())));

    Map<String, Map<String, Double>> scores = (Map<String, Map<String, Double>>) result.figures().get("scores");
    Map<String, Map<String, List<String>>> failed = (Map<String, Map<String, List<String>>>) result.figures().get("failed_rules");
    System.out.println("sample scores " + scores + " failed " + failed);
    assertThat(result.figures()).containsEntry("gate", "PASSED").containsEntry("partitions_checked", 5);
    assertThat(scores.get("web_events").get("2024-03-10")).isLessThan(100.0);
    assertThat(scores.get("transactions").get("2024-03-10")).isLessThan(100.0);
    assertThat(scores.get("alb_logs").get("2024-03-10")).isLessThan(100.0);
    assertThat(failed.get("web_events").get("2024-03-10")).contains("quarantine-share <= 0.001");
    assertThat(failed.get("transactions").get("2024-03-10")).contains("quarantine-share <= 0.002");
    assertThat(failed.get("alb_logs").get("2024-03-10")).contains("quarantine-share <= 0.0001");
    // The shipped rules of conf/quality/ hold on the curated tables built from that day.
    assertThat(scores.get("curated.web_kpis_daily")).isEqualTo(Map.of("2024-03-10", 100.0));
    assertThat(scores.get("curated.transactions_daily_status")).isEqualTo(Map.of("2024-03-10", 100.0));
  }

  /** Appends every ALB .log.gz under {@code root} to the first one (by name) and deletes the others. */
  private static void joinAlbFiles(Path root) throws java.io.IOException {
    List<Path> files;
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".log.gz")).sorted().toList();
    }
    try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(files.get(0), java.nio.file.StandardOpenOption.APPEND)) {
      for (Path f : files.subList(1, files.size())) {
        java.nio.file.Files.copy(f, out);
        java.nio.file.Files.delete(f);
      }
    }
  }

  private EtlConfig etl(String job, List<dev.loglake.common.config.JobOption> options, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", dir.toString()));
    all.addAll(List.of(args));
    return EtlConfig.load(job, JobArgs.parse(all.toArray(String[]::new), job, options), QualityLake.CLOCK);
  }
}
