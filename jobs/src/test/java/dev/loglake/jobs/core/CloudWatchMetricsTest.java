package dev.loglake.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LOGLAKE_SUMMARY log line and the CloudWatch metrics every job run ends with, against a local
 * endpoint that records what the real SDK sends.
 */
@ExtendWith(SparkTestSession.class)
class CloudWatchMetricsTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);
  private static CloudWatchStub cloudWatch;

  @TempDir Path lake;

  @BeforeAll
  static void start() throws IOException {
    cloudWatch = new CloudWatchStub();
    // The SDK's default chain, as on Glue and EMR, finds these first.
    System.setProperty("aws.accessKeyId", "test-key");
    System.setProperty("aws.secretAccessKey", "test-secret");
  }

  @AfterAll
  static void stop() {
    cloudWatch.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  @BeforeEach
  void succeed(SparkSession spark) {
    cloudWatch.failWith(0);
  }

  @Test
  void publishesDurationOutcomeJobFiguresAndDatasetFiguresInOneSignedRequest() {
    int before = cloudWatch.requests().size();
    CloudWatchMetrics.publish(settings(cloudWatch.endpoint()), ingestResult());

    Map<String, String> request = cloudWatch.requests().get(before);
    assertThat(request)
        .containsEntry("Action", "PutMetricData")
        .containsEntry("Version", "2010-08-01")
        .containsEntry("Namespace", "loglake")
        .containsEntry("_content-type", "application/x-www-form-urlencoded; charset=utf-8");
    assertThat(request.get("_authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=test-key/20")
        .contains("/eu-west-1/monitoring/aws4_request");
    String end = "2024-03-11T06:00:12.500Z";
    Map<String, String> job = Map.of("Job", "raw-to-processed");
    Map<String, String> alb = Map.of("Job", "raw-to-processed", "Dataset", "alb_logs");
    Map<String, String> web = Map.of("Job", "raw-to-processed", "Dataset", "web_events");
    assertThat(cloudWatch.data().subList(dataBefore(before), cloudWatch.data().size()))
        .containsExactly(
            new CloudWatchStub.Datum("failed", 0, "Count", job, end),
            new CloudWatchStub.Datum("duration_s", 12.5, "Seconds", job, end),
            new CloudWatchStub.Datum("files", 3, "Count", alb, end),
            new CloudWatchStub.Datum("rows_read", 10, "Count", alb, end),
            new CloudWatchStub.Datum("rows_quarantined", 2, "Count", alb, end),
            new CloudWatchStub.Datum("files", 1, "Count", web, end),
            new CloudWatchStub.Datum("rows_read", 4, "Count", web, end),
            new CloudWatchStub.Datum("rows_quarantined", 0, "Count", web, end));
  }

  @Test
  void aQualityRunPublishesEachPartitionsScoreAndEachDatasetsQuarantineShareByDatasetAndTable() {
    int before = cloudWatch.requests().size();
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put("alb_logs", ordered("2024-03-09", 99.9, "2024-03-10", 92.0));
    scores.put("curated.api_daily", ordered("2024-03-10", 100.0));
    JobResult quality = new JobResult("quality", "q-1", JobResult.Status.SUCCEEDED, Instant.parse("2024-03-11T06:00:00Z"),
        Duration.ofSeconds(30), ordered("datasets", 2, "scores", scores,
            "checked_tables", ordered("alb_logs", "processed.alb_logs", "curated.api_daily", "curated.api_daily"),
            "quarantine_share", ordered("alb_logs", 0.025)), null);

    CloudWatchMetrics.publish(settings(cloudWatch.endpoint()), quality);

    String end = "2024-03-11T06:00:30Z";
    Map<String, String> job = Map.of("Job", "quality");
    Map<String, String> alb = Map.of("Dataset", "alb_logs", "Table", "processed.alb_logs");
    Map<String, String> api = Map.of("Dataset", "curated.api_daily", "Table", "curated.api_daily");
    assertThat(cloudWatch.data().subList(dataBefore(before), cloudWatch.data().size()))
        .containsExactly(
            new CloudWatchStub.Datum("failed", 0, "Count", job, end),
            new CloudWatchStub.Datum("duration_s", 30, "Seconds", job, end),
            new CloudWatchStub.Datum("datasets", 2, "Count", job, end),
            new CloudWatchStub.Datum("quality_score", 99.9, "None", alb, end),
            new CloudWatchStub.Datum("quality_score", 92.0, "None", alb, end),
            new CloudWatchStub.Datum("quality_score", 100.0, "None", api, end),
            new CloudWatchStub.Datum("quarantine_share", 0.025, "None", alb, end));
  }

  @Test
  void theHealthChecksQualityStepPublishesNoScores() {
    int before = cloudWatch.requests().size();
    Map<String, Object> step = ordered("job", "quality", "status", "SUCCEEDED", "scores", Map.of("alb_logs", Map.of("2024-03-10", 50.0)),
        "checked_tables", Map.of("alb_logs", "processed.alb_logs"), "quarantine_share", Map.of("alb_logs", 0.5));
    JobResult check = new JobResult("health-check", "h-1", JobResult.Status.SUCCEEDED, Instant.parse("2024-03-11T06:00:00Z"),
        Duration.ofSeconds(30), ordered("steps", List.of(step)), null);

    CloudWatchMetrics.publish(settings(cloudWatch.endpoint()), check);

    assertThat(names(dataBefore(before))).containsExactly("failed", "duration_s");
  }

  @Test
  void everyRunLogsOneFlatSummaryLineAndPublishesWhenEnabled() throws IOException {
    int before = cloudWatch.requests().size();
    Run run;
    try (LogCapture log = new LogCapture()) {
      run = execute(new ProbeJob(), enabled("--a", "x"));
      List<String> lines = log.lines().stream().filter(l -> l.startsWith("INFO LOGLAKE_SUMMARY {")).toList();
      assertThat(lines).hasSize(1);
      Map<String, Object> summary = new ObjectMapper().readValue(
          lines.get(0).substring("INFO LOGLAKE_SUMMARY ".length()), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      assertThat(summary).containsEntry("job", "probe").containsEntry("status", "SUCCEEDED")
          .containsEntry("a", "x").containsEntry("n", 1).containsKeys("run_id", "duration_s");
    }

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(cloudWatch.requests()).hasSize(before + 1);
    assertThat(names(dataBefore(before))).containsExactly("failed", "duration_s", "n");
    assertThat(cloudWatch.data().get(dataBefore(before)).dimensions()).isEqualTo(Map.of("Job", "probe"));
  }

  @Test
  void aFailedRunPublishesFailedOne() {
    int before = cloudWatch.requests().size();
    Run run = execute(new AlbStatusJob(CLOCK), enabled("--date", "2024-01-02"));

    assertThat(run.code()).isEqualTo(1);
    CloudWatchStub.Datum failed = cloudWatch.data().get(dataBefore(before));
    assertThat(failed.name()).isEqualTo("failed");
    assertThat(failed.value()).isEqualTo(1.0);
    assertThat(failed.dimensions()).isEqualTo(Map.of("Job", "alb-status"));
  }

  @Test
  void aRejectedPublishIsOnlyAWarning() {
    cloudWatch.failWith(403);
    Run run;
    List<String> log;
    try (LogCapture capture = new LogCapture()) {
      run = execute(new ProbeJob(), enabled());
      log = capture.lines();
    }

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(log).anySatisfy(l -> assertThat(l)
        .startsWith("WARN CloudWatch metrics of probe run")
        .contains("not published to namespace loglake")
        .contains("not authorized to perform: cloudwatch:PutMetricData").contains("Status Code: 403"));
  }

  @Test
  void offByDefault() {
    int before = cloudWatch.requests().size();
    Run run = execute(new ProbeJob(), base().toArray(String[]::new));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(cloudWatch.requests()).hasSize(before);
  }

  @Test
  void aBadEndpointIsAConfigErrorNamingTheKey() {
    List<String> args = base();
    args.addAll(List.of("--loglake.metrics.cloudwatch.endpoint", "not a url"));
    Run run = execute(new ProbeJob(), args.toArray(String[]::new));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("loglake.metrics.cloudwatch.endpoint").contains("not a url");
  }

  /** One run: exit code, stdout, stderr. */
  record Run(int code, String out, String err) {}

  private Run execute(EtlJob<?> job, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = JobRunner.execute(job, args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private List<String> base() {
    return new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", lake.toString(),
        "--loglake.spark.conf.spark.sql.shuffle.partitions", "2"));
  }

  private String[] enabled(String... extra) {
    List<String> args = base();
    args.addAll(List.of("--loglake.metrics.cloudwatch.enabled", "true",
        "--loglake.metrics.cloudwatch.endpoint", cloudWatch.endpoint().toString(),
        "--loglake.metrics.cloudwatch.region", "eu-west-1"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  private static CloudWatchSettings settings(URI endpoint) {
    return new CloudWatchSettings(true, "loglake", Optional.of(endpoint), Optional.of("eu-west-1"));
  }

  /** raw-to-processed's shape: per-dataset counts, with nested figures that are not metrics. */
  private static JobResult ingestResult() {
    Map<String, Object> datasets = new LinkedHashMap<>();
    datasets.put("alb_logs", ordered("status", "SUCCEEDED", "files", 3, "rows_read", 10L, "rows_quarantined", 2L,
        "quarantine_reasons", Map.of("bad_line", 2L), "partitions", List.of("2024-03-10")));
    datasets.put("web_events", ordered("status", "SUCCEEDED", "files", 1, "rows_read", 4L, "rows_quarantined", 0L));
    return new JobResult("raw-to-processed", "run-1", JobResult.Status.SUCCEEDED, Instant.parse("2024-03-11T06:00:00Z"),
        Duration.ofMillis(12_500), Map.of("datasets", datasets), null);
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /** The index in {@code data()} of the first datum of request number {@code requests}. */
  private static int dataBefore(int requests) {
    int n = 0;
    for (Map<String, String> form : cloudWatch.requests().subList(0, requests)) {
      n += (int) form.keySet().stream().filter(k -> k.endsWith(".MetricName")).count();
    }
    return n;
  }

  private static List<String> names(int from) {
    return cloudWatch.data().subList(from, cloudWatch.data().size()).stream().map(CloudWatchStub.Datum::name).toList();
  }
}
