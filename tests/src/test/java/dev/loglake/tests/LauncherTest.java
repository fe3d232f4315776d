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
  void lineageDotPutsOnlyTheDotDocumentOnStdoutAndTheRunLogUnderTheLake() throws Exception {
    Launcher.Result run = Launcher.run(work, Map.of(), "lineage", "--dot");

    assertThat(run.code()).as(run.err()).isZero();
    // `scripts/loglake lineage --dot | dot -Tsvg` (README): stdout is exactly one DOT graph.
    assertThat(run.out()).startsWith("digraph loglake {").endsWith("}\n");
    assertThat(DotGrammar.parse(run.out())).isGreaterThan(10);
    if (Launcher.onPath("dot")) {
      assertThat(Launcher.pipe(run.out(), "dot", "-Tsvg")).contains("<svg");
    }
    // The SUMMARY line went to stderr, last.
    List<String> err = run.err().strip().lines().toList();
    JsonNode summary = new ObjectMapper().readTree(err.get(err.size() - 1).replaceFirst("^SUMMARY ", ""));
    assertThat(err.get(err.size() - 1)).startsWith("SUMMARY {");
    assertThat(summary.get("job").asText() + " " + summary.get("status").asText()).isEqualTo("lineage SUCCEEDED");

    // The full log is in <lake>/_logs/<job>-<run id>.log, and the console says so; the effective
    // configuration and the LOGLAKE_SUMMARY line are there, not on the console.
    Path log = work.resolve("lake/_logs/lineage-" + summary.get("run_id").asText() + ".log");
    assertThat(run.err()).contains("Full log: " + log);
    assertThat(Files.readString(log))
        .contains("Effective configuration of lineage run " + summary.get("run_id").asText())
        .contains("loglake.jobs.lineage.dot = \"true\"")
        .contains("LOGLAKE_SUMMARY {\"job\":\"lineage\"");
    assertThat(run.err()).doesNotContain("Effective configuration").doesNotContain("loglake.zones.raw =")
        .doesNotContain("LOGLAKE_SUMMARY").doesNotContain("resolves to a loopback address");
  }

  @Test
  void verboseShowsTheEffectiveConfigurationOnTheConsole() throws Exception {
    Launcher.Result run = Launcher.run(work, Map.of(), "lineage", "--verbose");

    assertThat(run.code()).as(run.err()).isZero();
    String runId = new ObjectMapper().readTree(run.summaryJson()).get("run_id").asText();
    assertThat(run.err())
        .contains("Effective configuration of lineage run " + runId)
        .contains("loglake.zones.raw = \"lake/raw\"")
        .contains("LOGLAKE_SUMMARY {\"job\":\"lineage\"");
    // Text lineage is for people: the SUMMARY line stays the last line of stdout.
    assertThat(run.out()).containsPattern(java.util.regex.Pattern.quote("raw:" + work.resolve("lake/raw/AWSLogs")) + " \\(alb\\) +-> processed.alb_requests\\n");
  }

  /**
   * The build writes the class data sharing archive (jobs/pom.xml, from jobs/src/cds/classes.lst) and
   * every run maps it: the class loading log names the archive as the source of Spark's classes. With
   * LOGLAKE_CDS=off they come from their jars; any other value is a usage error.
   */
  @Test
  void everyRunMapsTheBuildsClassDataArchiveUnlessItIsTurnedOff() throws Exception {
    Path archive = Launcher.REPO.resolve("jobs/target/launcher/loglake-cds.jsa");
    assertThat(archive).isNotEmptyFile();

    Path mapped = work.resolve("mapped.log");
    Launcher.Result on = Launcher.run(work, Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + mapped), "lineage");
    Path loaded = work.resolve("loaded.log");
    Launcher.Result off = Launcher.run(work,
        Map.of("LOGLAKE_CDS", "off", "JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loaded), "lineage");
    Launcher.Result bad = Launcher.run(work, Map.of("LOGLAKE_CDS", "yes"), "lineage");

    for (Launcher.Result run : List.of(on, off)) {
      assertThat(run.code()).as(run.err()).isZero();
      assertThat(new ObjectMapper().readTree(run.summaryJson()).get("status").asText()).isEqualTo("SUCCEEDED");
      // The JVM's CDS messages stay off the console.
      assertThat(run.out() + run.err()).doesNotContain("[cds");
    }
    assertThat(Files.readString(mapped))
        .contains("org.apache.spark.deploy.SparkSubmit source: shared objects file")
        .contains("org.apache.spark.sql.SparkSession source: shared objects file");
    // The JDK's own archive still serves the JDK's classes.
    assertThat(Files.readString(loaded))
        .doesNotContain("org.apache.spark.sql.SparkSession source: shared objects file")
        .containsPattern("org\\.apache\\.spark\\.deploy\\.SparkSubmit source: \\S*spark-core_2\\.12-[0-9.]+\\.jar");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("LOGLAKE_CDS is 'yes'; use on or off.");
  }

  @Test
  void albParseToStdoutWritesOnlyJsonLines() throws Exception {
    Path golden = Launcher.REPO.resolve("common/src/test/resources/golden/alb");
    Launcher.Result run = Launcher.run(work, Map.of(), "alb-parse", "--input", golden.toString(), "--output", "-");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    long inputLines = 0;
    for (Path f : files(golden, ".log")) {
      inputLines += Files.readAllLines(f).size();
    }
    assertThat(lines).hasSize((int) inputLines);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      assertThat(json.readTree(line).isObject()).as(line).isTrue();
    }
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
