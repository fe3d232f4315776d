package dev.loglake.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar, run through scripts/loglake's spark-submit path (no SPARK_HOME). */
@Tag("e2e")
class LauncherTest {

  @TempDir Path work;

  @Test
  void generatesSampleDataThroughSparkSubmitOfTheBuiltJar() throws Exception {
    Path out = work.resolve("raw");
    Launcher.Result run =
        Launcher.run(
            work, Map.of(),
            "generate-sample-data", "--output", out.toString(), "--start", "2024-03-10",
            "--days", "1", "--alb-mb", "2", "--seed", "7");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode summary = new ObjectMapper().readTree(run.summaryJson());
    assertThat(summary.get("job").asText()).isEqualTo("generate-sample-data");
    assertThat(summary.get("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(summary.get("run_id").asText()).isNotBlank();

    List<Path> albFiles = files(out.resolve("AWSLogs"), ".log.gz");
    assertThat(albFiles).isNotEmpty();
    assertThat(albFiles)
        .allSatisfy(f -> assertThat(out.relativize(f).toString()).matches(
            "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/03/1[01]/123456789012_elasticloadbalancing_us-east-1_app\\..+\\.log\\.gz"));
    assertThat(summary.get("alb_logs_files").asLong()).isEqualTo(albFiles.size());
    assertThat(summary.get("alb_logs_lines").asLong()).isEqualTo(gzipLines(albFiles));
    assertThat(summary.get("files").asLong()).isEqualTo(files(out, "").size());
  }

  @Test
  void mainExitsTwoOnBadArgumentNamingTheKey() throws Exception {
    Launcher.Result run = Launcher.run(work, Map.of(), "alb-status", "--date", "2024-13-45");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("loglake.jobs.alb-status.date").contains("2024-13-45");
    assertThat(new ObjectMapper().readTree(run.summaryJson()).get("status").asText())
        .isEqualTo("CONFIG_ERROR");
  }

  @Test
  void helpListsEveryJobAndItsOptions() throws Exception {
    Launcher.Result run = Launcher.run(work, Map.of(), "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("raw-to-processed", "processed-to-curated", "quality", "alb-status", "pipeline")
        .contains("alb-parse", "generate-sample-data", "health-check")
        .contains("--alb-mb N", "--reprocess", "--source processed|raw");
  }

  @Test
  void unknownJobExitsTwo() throws Exception {
    Launcher.Result run = Launcher.run(work, Map.of(), "raw-to-processd");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("unknown job 'raw-to-processd'");
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static long gzipLines(List<Path> files) throws IOException {
    long lines = 0;
    for (Path f : files) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
        lines += r.lines().count();
      }
    }
    return lines;
  }
}
