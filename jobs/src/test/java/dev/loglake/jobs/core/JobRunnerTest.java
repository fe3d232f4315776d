package dev.loglake.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Arguments, config precedence and exit codes, checked through the runner every main uses. */
@ExtendWith(SparkTestSession.class)
class JobRunnerTest {

  @TempDir Path conf;
  @TempDir Path lake;

  /** One run: exit code, stdout, stderr. */
  record Run(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }

    Map<?, ?> summary() throws IOException {
      assertThat(lastLine()).startsWith("SUMMARY {");
      return new ObjectMapper().readValue(lastLine().substring("SUMMARY ".length()), Map.class);
    }
  }

  @BeforeEach
  void confDir(SparkSession spark) throws IOException {
    Files.createDirectories(conf.resolve("env"));
    write("application.conf", "loglake.jobs.probe { a = app, b = app, c = app, d = app }");
    write(
        "env/local.conf",
        "loglake { lake.root = \""
            + lake
            + "\", zones { raw = ${loglake.lake.root}/raw, processed = ${loglake.lake.root}/processed,"
            + " curated = ${loglake.lake.root}/curated, quality = ${loglake.lake.root}/quality,"
            + " reports = ${loglake.lake.root}/reports }, jobs.probe { a = env, b = env, c = env } }");
    write("env/aws.conf", Files.readString(Path.of("../conf/env/aws.conf")));
  }

  @Test
  void appliesArgumentsOverFileOverEnvOverApplicationOverReference() throws IOException {
    Path file = write("extra.conf", "loglake.jobs.probe { a = file, b = file }");
    Run run = probe("--config", file.toString(), "--loglake.jobs.probe.a", "argument");

    assertThat(run.code()).as(run.err()).isZero();
    Map<?, ?> summary = run.summary();
    assertThat(summary.get("status")).isEqualTo("SUCCEEDED");
    assertThat(List.of(summary.get("a"), summary.get("b"), summary.get("c"), summary.get("d"), summary.get("e")))
        .containsExactly("argument", "file", "env", "app", "reference");
  }

  @Test
  void jobOptionSetsItsKeyAndLakeRootMovesEveryZone() throws IOException {
    Run run = probe("--a=option", "--loglake.lake.root", "/tmp/elsewhere");

    assertThat(run.code()).as(run.err()).isZero();
    Map<?, ?> summary = run.summary();
    assertThat(summary.get("a")).isEqualTo("option");
    assertThat(summary.get("raw")).isEqualTo("/tmp/elsewhere/raw");
    assertThat(summary.get("reports")).isEqualTo("/tmp/elsewhere/reports");
  }

  @Test
  void rejectsUnknownKeyNamingKeyAndFile() throws IOException {
    Path file = write("typo.conf", "loglake.jobs.probe.aa = 1\nloglake.zonez.raw = x");
    Run run = probe("--config", file.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("Unknown configuration key(s)")
        .contains("loglake.jobs.probe.aa")
        .contains("loglake.zonez.raw")
        .contains("typo.conf");
    assertThat(run.summary().get("status")).isEqualTo("CONFIG_ERROR");
  }

  @Test
  void rejectsUnknownArgumentListingTheOptions() {
    Run run = probe("--bogus", "1", "stray");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--bogus").contains("stray").contains("--a VALUE");
  }

  @Test
  void missingBucketInAwsEnvNamesTheKey() {
    Run run = probe("--env", "aws");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("loglake.aws.raw-bucket");
  }

  @Test
  void awsEnvBuildsS3ZonesFromBucketArguments() throws IOException {
    List<String> args = new ArrayList<>(List.of("--env", "aws"));
    for (String zone : List.of("raw", "processed", "curated", "quality", "report")) {
      args.addAll(List.of("--loglake.aws." + zone + "-bucket", "acme-" + zone));
    }
    Run run = probe(args.toArray(String[]::new));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.summary().get("raw")).isEqualTo("s3://acme-raw");
    assertThat(run.summary().get("reports")).isEqualTo("s3://acme-report/alb-reports");
    // The lake is in buckets: the driver's log streams are the log, there is no local file.
    assertThat(lake.resolve("_logs")).doesNotExist();
    assertThat(run.err()).doesNotContain("Full log:");
  }

  @Test
  void writesEachRunsFullLogUnderTheLakeAndNamesIt() throws IOException {
    Run first = probe();
    Run second = probe("--a", "second");

    assertThat(first.code()).as(first.err()).isZero();
    String firstId = (String) first.summary().get("run_id");
    String secondId = (String) second.summary().get("run_id");
    Path firstLog = lake.resolve("_logs/probe-" + firstId + ".log");
    String log = Files.readString(firstLog);
    assertThat(log)
        .contains("Effective configuration of probe run " + firstId)
        .contains("loglake.jobs.probe.a = \"env\"")
        .contains("LOGLAKE_SUMMARY {\"job\":\"probe\",\"run_id\":\"" + firstId + "\"")
        // The file closes with its run: the next run's lines go to the next run's file only.
        .doesNotContain(secondId);
    assertThat(Files.readString(lake.resolve("_logs/probe-" + secondId + ".log")))
        .contains("loglake.jobs.probe.a = \"second\"")
        .doesNotContain(firstId);
  }

  @Test
  void printsTheSummaryOnStderrWhenStdoutIsTheJobsData() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code =
        JobRunner.execute(
            new DataJob(stdout),
            new String[] {"--conf-dir", conf.toString()},
            stdout,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC());

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("digraph probe {\n}\n");
    String lastErrLine = err.toString(StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse("");
    assertThat(lastErrLine).startsWith("SUMMARY {\"job\":\"data-probe\"");
  }

  /** A job whose stdout is data (as lineage --dot's is). */
  private record DataJob(PrintStream out) implements EtlJob<EtlConfig> {
    @Override
    public String name() {
      return "data-probe";
    }

    @Override
    public String description() {
      return "prints a dot document";
    }

    @Override
    public List<dev.loglake.common.config.JobOption> options() {
      return List.of();
    }

    @Override
    public EtlConfig config(EtlConfig config) {
      return config;
    }

    @Override
    public boolean stdoutIsData(EtlConfig config) {
      return true;
    }

    @Override
    public JobResult run(SparkSession spark, EtlConfig config) {
      out.print("digraph probe {\n}\n");
      return JobResult.succeeded(config, Clock.systemUTC(), Map.of());
    }
  }

  @Test
  void acceptsAndIgnoresGlueInjectedArgumentsAndUsesGlueRunId() throws IOException {
    Run run =
        probe(
            "--JOB_NAME", "loglake-probe",
            "--JOB_ID", "j_123",
            "--JOB_RUN_ID", "jr_abc123",
            "--TempDir", "s3://aws-glue-temp/probe",
            "--job-bookmark-option", "job-bookmark-disable",
            "--enable-metrics", "true",
            "--enable-glue-datacatalog", "true");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.summary().get("run_id")).isEqualTo("jr_abc123");
  }

  @Test
  void badValueNamesTheKeyAndExitsTwo() {
    Run run = probe("--loglake.jobs.probe.n", "many");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("loglake.jobs.probe.n").contains("many");
  }

  @Test
  void badDateOfARealJobExitsTwoBeforeSparkWork() {
    Run run = execute(new AlbStatusJob(), "--conf-dir", conf.toString(), "--date", "2024-13-45");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("loglake.jobs.alb-status.date").contains("2024-13-45");
  }

  @Test
  void missingInputFailsWithExitOneNamingThePathAndTheFix() throws IOException {
    Run run = execute(new AlbStatusJob(), "--conf-dir", conf.toString(), "--date", "2024-01-02");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("Cannot read " + lake.resolve("processed/alb_requests"))
        .contains("Run raw-to-processed for these dates first");
    assertThat(run.summary().get("status")).isEqualTo("FAILED");
  }

  private Run probe(String... args) {
    List<String> all = new ArrayList<>(List.of("--conf-dir", conf.toString()));
    all.addAll(List.of(args));
    return execute(new ProbeJob(), all.toArray(String[]::new));
  }

  private static Run execute(EtlJob<?> job, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        JobRunner.execute(
            job,
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC());
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String content) throws IOException {
    Path p = conf.resolve(name);
    Files.writeString(p, content);
    return p;
  }
}
