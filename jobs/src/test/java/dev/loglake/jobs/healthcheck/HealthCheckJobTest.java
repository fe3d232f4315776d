package dev.loglake.jobs.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.sample.DatasetSummary;
import dev.loglake.jobs.sample.SampleDataGenerator;
import dev.loglake.jobs.sample.SampleDataOptions;
import dev.loglake.jobs.sample.SampleDataSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health check through the runner every main uses, on a lake in a temp folder: the generated
 * day passes with every count matching the generator's own summary, a step that dies halfway fails
 * it with exit 1 naming the cause, and either way no scratch prefix is left in any zone. (A count
 * that does not match is HealthChecksTest's.)
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class HealthCheckJobTest {

  // Yesterday is 2026-12-05: before one bad ALB line of each kind was planted, that day's 1 MiB got
  // no bad line at all (0.05% of about 1,460 lines) and the check failed on a healthy system.
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T06:00:00Z"), ZoneOffset.UTC);
  static final List<String> ZONES = List.of("raw", "processed", "curated", "quality", "reports");

  @TempDir Path lake;
  @TempDir Path expected;

  /** One run: exit code, stdout, stderr. */
  record Run(int code, String out, String err) {
    Map<?, ?> summary() throws IOException {
      String[] lines = out.strip().split("\n");
      assertThat(lines[lines.length - 1]).startsWith("SUMMARY {");
      return new ObjectMapper().readValue(lines[lines.length - 1].substring("SUMMARY ".length()), Map.class);
    }
  }

  @BeforeEach
  void realLakeWithData(SparkSession spark) throws IOException {
    for (String zone : ZONES) {
      Files.createDirectories(lake.resolve(zone));
      Files.writeString(lake.resolve(zone).resolve("keep.txt"), zone);
    }
  }

  @Test
  void generatedDayPassesWithTheGeneratorsCountsAndLeavesNoScratchPrefix() throws IOException {
    Run run = healthCheck();

    assertThat(run.code()).as(run.err()).isZero();
    Map<?, ?> summary = run.summary();
    assertThat(summary.get("status")).isEqualTo("SUCCEEDED");
    assertThat(summary.get("scratch_deleted")).isEqualTo(true);
    assertThat(summary.get("quality_gate")).isEqualTo("PASSED");
    // 5 steps' status, 6 counts per dataset, 2 gates (processed, curated), 2 curated, 3 alb-status
    assertThat(((Number) summary.get("checks_passed")).intValue()).isEqualTo(5 + 3 * 6 + 7);
    assertThat(((List<?>) summary.get("steps")).stream().map(s -> (Object) ((Map<?, ?>) s).get("job")).toList()).containsExactly(
        "raw-to-processed", "quality", "processed-to-curated", "quality-curated", "alb-status");
    assertThat(((Number) summary.get("models_built")).intValue()).isPositive();
    Map<?, ?> datasets = (Map<?, ?>) summary.get("datasets");
    SampleDataSummary generated = sameDay();
    for (DatasetSummary d : generated.datasets()) {
      Map<?, ?> f = (Map<?, ?>) datasets.get(d.dataset());
      long read = ((Number) f.get("rows_read")).longValue();
      assertThat(f.get("generated_lines")).as(d.dataset()).isEqualTo(intOrLong(d.lines()));
      assertThat(read).as(d.dataset()).isEqualTo(d.dataset().equals("transactions") ? d.lines() - d.files() : d.lines());
      assertThat(sum(f, "rows_written", "rows_quarantined", "rows_duplicate")).as(d.dataset()).isEqualTo(read);
      assertThat(((Number) f.get("rows_quarantined")).longValue()).as(d.dataset()).isPositive();
    }
    Map<?, ?> alb = (Map<?, ?>) datasets.get("alb_logs");
    assertThat(summary.get("alb_requests")).isEqualTo(alb.get("rows_written"));
    assertNoScratchLeftAndRealLakeUntouched();
  }

  @Test
  void failingStepFailsWithExitOneNamingTheCauseAndStillDeletesItsPartialTables() throws IOException {
    Run run = healthCheck("--loglake.jobs.raw-to-processed.fail-after", "data-commit");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("Health check failed: the pipeline failed: raw-to-processed failed for dataset(s)")
        .contains("fault injected after the data commit");
    assertThat(run.summary().get("status")).isEqualTo("FAILED");
    assertNoScratchLeftAndRealLakeUntouched();
  }

  private Run healthCheck(String... extra) {
    List<String> args = new ArrayList<>(
        List.of("--conf-dir", "../conf", "--loglake.lake.root", lake.toString(), "--temp-lake", "false",
            "--loglake.spark.conf.spark.sql.shuffle.partitions", "2"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = JobRunner.execute(new HealthCheckJob(CLOCK), args.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What the generator writes for the health check's defaults: seed 42, 1 MiB of ALB text, yesterday. */
  private SampleDataSummary sameDay() throws IOException {
    return new SampleDataGenerator(FileSystem.getLocal(new Configuration()))
        .generate(new org.apache.hadoop.fs.Path(expected.toString()),
            new SampleDataOptions(LocalDate.parse("2026-12-05"), 1, 42L, 1));
  }

  private void assertNoScratchLeftAndRealLakeUntouched() throws IOException {
    for (String zone : ZONES) {
      try (Stream<Path> files = Files.list(lake.resolve(zone))) {
        assertThat(files.map(p -> p.getFileName().toString())).as(zone).containsExactly("keep.txt");
      }
    }
  }

  private static long sum(Map<?, ?> f, String... keys) {
    long total = 0;
    for (String k : keys) {
      total += ((Number) f.get(k)).longValue();
    }
    return total;
  }

  /** Jackson reads small whole numbers back as Integer. */
  private static Number intOrLong(long n) {
    return n <= Integer.MAX_VALUE ? (Number) (int) n : (Number) n;
  }
}
