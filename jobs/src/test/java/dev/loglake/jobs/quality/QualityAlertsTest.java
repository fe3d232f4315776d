package dev.loglake.jobs.quality;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.AwsTestCredentials;
import dev.loglake.common.testing.SnsStub;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
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

  static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:loglake-alerts";
  private static CloudWatchStub cloudWatch;
  private static SnsStub sns;

  @TempDir Path dir;
  QualityLake lake;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = new CloudWatchStub();
    sns = new SnsStub();
  }

  @AfterAll
  static void stop() {
    cloudWatch.close();
    sns.close();
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

  @Test
  void failedWarningRulesSendOneMessageADatasetAndDayListingWhatFailedWhere(SparkSession spark) {
    int before = sns.requests().size();
    JobResult first = run(spark, QualityLake.CLOCK, "q1");

    assertThat(sns.requests()).hasSize(before + 1);
    Map<String, String> publish = sns.requests().get(before);
    assertThat(publish).containsEntry("Action", "Publish").containsEntry("TopicArn", TOPIC)
        .containsEntry("Subject", "loglake quality warnings: web_events");
    assertThat(publish.get("_authorization")).contains("/eu-west-1/sns/aws4_request");
    // Only the warning-level failures: 2024-03-10's between(status, 100, 599) is error-level (the gate's).
    assertThat(publish.get("Message")).isEqualTo("""
        Quality run q1 (2024-03-11T06:00:00Z): warning-level rules failed.

        web_events (processed.web_events)
          2024-03-09 (score 92.93): completeness(user_id) >= 0.9 - 0.7500 of rows comply, 0.9000 required
          2024-03-09 (score 92.93): quarantine-share <= 0.01 - 1 of 10 input rows quarantined (0.1000 > 0.01)
          2024-03-10 (score 93.06): quarantine-share <= 0.01 - 7 of 40 input rows quarantined (0.1750 > 0.01)

        Report: %s
        One message per dataset and day (UTC): later runs today send none for web_events.
        """.formatted(dir.resolve("quality/reports/quality_report_q1.html")));
    assertThat(first.figures()).containsEntry("warnings_notified", List.of("web_events"));
    assertRows(lake.table(spark, "quality/quality_warnings_sent").select("dataset", "day", "run_id", "message_id"),
        row("web_events", java.sql.Date.valueOf("2024-03-11"), "q1", "94f20ce6-13c5-43a0-9a9e-ca52d816e90b"));

    // A rerun later the same day finds the same warnings and sends nothing; the next day sends again.
    JobResult rerun = run(spark, Clock.offset(QualityLake.CLOCK, java.time.Duration.ofHours(17)), "q2");
    assertThat(sns.requests()).hasSize(before + 1);
    assertThat(rerun.figures()).containsEntry("warnings_already_sent", List.of("web_events")).doesNotContainKey("warnings_notified");
    JobResult nextDay = run(spark, Clock.offset(QualityLake.CLOCK, java.time.Duration.ofHours(18)), "q3");
    assertThat(sns.requests()).hasSize(before + 2);
    assertThat(nextDay.figures()).containsEntry("warnings_notified", List.of("web_events"));
    assertThat(sns.requests().get(before + 1).get("Message")).startsWith("Quality run q3 (2024-03-12T00:00:00Z)");
  }

  @Test
  void noTopicNoMessageAndARejectedPublishOnlyNamesTheErrorAndIsTriedAgain(SparkSession spark) {
    int before = sns.requests().size();
    QualityJob job = new QualityJob(QualityLake.CLOCK);
    JobResult quiet = job.run(spark, lake.config(job, "--datasets", "web_events", "--fail-on", "never",
        "--from", "2024-03-09", "--to", "2024-03-10", "--loglake.run-id", "q0"));
    assertThat(sns.requests()).hasSize(before);
    assertThat(quiet.figures()).doesNotContainKeys("warnings_notified", "warnings_error");

    sns.failWith(403);
    JobResult denied;
    try {
      denied = run(spark, QualityLake.CLOCK, "q1");
    } finally {
      sns.failWith(0);
    }
    assertThat(denied.status()).isEqualTo(JobResult.Status.SUCCEEDED);
    assertThat((String) denied.figures().get("warnings_error")).startsWith("SNS publish to " + TOPIC + " failed: ")
        .contains("not authorized to perform SNS:Publish");
    JobResult retried = run(spark, QualityLake.CLOCK, "q2");
    assertThat(retried.figures()).containsEntry("warnings_notified", List.of("web_events"));
    assertThat(sns.requests()).hasSize(before + 2);
  }

  /** A --fail-on never run of both days with the warnings topic configured. */
  private JobResult run(SparkSession spark, Clock clock, String runId) {
    QualityJob job = new QualityJob(clock);
    return job.run(spark, lake.config(job, "--datasets", "web_events", "--fail-on", "never", "--from", "2024-03-09",
        "--to", "2024-03-10", "--loglake.run-id", runId, "--loglake.quality.warnings.sns-topic-arn", TOPIC,
        "--loglake.quality.warnings.sns-endpoint", sns.endpoint().toString(), "--loglake.quality.warnings.region", "eu-west-1"));
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
