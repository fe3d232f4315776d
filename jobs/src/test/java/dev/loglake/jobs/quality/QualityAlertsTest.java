package dev.loglake.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.AwsTestCredentials;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.CloudWatchStub;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality results that reach people: the scores and quarantine shares a quality run publishes to
 * CloudWatch, against local endpoints that record what the real SDK sends.
 */
@Tag("e2e")
@ExtendWith({SparkTestSession.class, AwsTestCredentials.class})
class QualityAlertsTest {

  private static CloudWatchStub cloudWatch;

  @TempDir Path dir;
  QualityLake lake;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = new CloudWatchStub();
  }

  @AfterAll
  static void stop() {
    cloudWatch.close();
  }

  @BeforeEach
  void lake(SparkSession spark) throws Exception {
    lake = new QualityLake(dir, QualityJobTest.RULES);
    QualityJobTest.webEvents(spark, lake);
    // Two raw-to-processed runs: 1 of 10 rows quarantined (both days), then 6 of 30 (2024-03-10).
    lake.run(spark, "r2p-1", "web_events", 10, 1, Instant.parse("2024-03-11T01:00:00Z"), "2024-03-09", "2024-03-10");
    lake.run(spark, "r2p-2", "web_events", 30, 6, Instant.parse("2024-03-11T02:00:00Z"), "2024-03-10");
  }

  @Test
  void aRunThatFailsTheGateStillPublishesEachPartitionsScoreAndTheDatasetsQuarantineShare() {
    int before = cloudWatch.data().size();
    Run run = execute(QualityLake.CLOCK, "--datasets", "web_events", "--loglake.run-id", "q1",
        "--loglake.metrics.cloudwatch.enabled", "true",
        "--loglake.metrics.cloudwatch.endpoint", cloudWatch.endpoint().toString(),
        "--loglake.metrics.cloudwatch.region", "eu-west-1");

    assertThat(run.code()).as(run.err()).isEqualTo(3);
    List<CloudWatchStub.Datum> published = cloudWatch.data().subList(before, cloudWatch.data().size());
    Map<String, String> web = Map.of("Dataset", "web_events", "Table", "processed.web_events");
    // The run's end: the fixed clock (start and end alike).
    String end = "2024-03-11T06:00:00Z";
    // 2024-03-09: 1 of 10 quarantined, (1 + 1 + 1 + 2 × 0.75/0.9 + 0.9/0.99) / 6; 2024-03-10: 7 of 40,
    // (1 + 1 + 0.75 + 2 + 0.825/0.99) / 6. The run's share counts each raw-to-processed run once: 7 of 40
    // (not the days' 1 of 10 + 7 of 40).
    assertThat(published.stream().filter(d -> d.dimensions().containsKey("Dataset")).toList()).containsExactly(
        new CloudWatchStub.Datum("quality_score", 92.93, "None", web, end),
        new CloudWatchStub.Datum("quality_score", 93.06, "None", web, end),
        new CloudWatchStub.Datum("quarantine_share", 7.0 / 40, "None", web, end));
    assertThat(published).contains(new CloudWatchStub.Datum("failed", 1, "Count", Map.of("Job", "quality"), end));
  }

  /** One run: exit code, stdout, stderr. */
  record Run(int code, String out, String err) {}

  private Run execute(Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(lake.args(args));
    int code = JobRunner.execute(new QualityJob(clock), all.toArray(String[]::new),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
