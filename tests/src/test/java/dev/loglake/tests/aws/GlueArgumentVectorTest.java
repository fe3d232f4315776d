package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loglake.common.error.EtlException;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.Jobs;
import dev.loglake.jobs.healthcheck.HealthCheckConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Argument vectors as the platforms pass them, through each job's config phase (what main does
 * before it starts Spark): a recorded Glue-style vector, and the EMR Serverless definition's
 * EntryPointArguments.
 */
class GlueArgumentVectorTest {

  /** What a Glue 5.0 run of a --class job receives (Glue-injected keys, then the job's arguments). */
  static List<String> recordedGlueVector(String jobName) {
    return List.of(
        "--JOB_NAME", "loglake-" + jobName,
        "--JOB_ID", "j_1",
        "--JOB_RUN_ID", "jr_1",
        "--TempDir", "s3://t/",
        "--job-bookmark-option", "job-bookmark-disable",
        "--enable-metrics", "true",
        "--enable-continuous-cloudwatch-log", "true",
        "--enable-glue-datacatalog", "true",
        "--job-language", "scala",
        "--class", "dev.loglake.jobs.Whatever",
        "--extra-jars", "s3://artifacts/jars/loglake-jobs.jar",
        "--user-jars-first", "true",
        "--datalake-formats", "delta",
        "--env", "aws",
        "--loglake.aws.region", "eu-west-1",
        "--loglake.aws.raw-bucket", "r",
        "--loglake.aws.processed-bucket", "p",
        "--loglake.aws.curated-bucket", "c",
        "--loglake.aws.quality-bucket", "q",
        "--loglake.aws.report-bucket", "reports");
  }

  static Stream<EtlJob<?>> jobs() {
    return Jobs.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobs")
  void recordedGlueVectorLoadsAValidConfig(EtlJob<?> job) {
    JobArgVectors.Loaded loaded = JobArgVectors.load(job, recordedGlueVector(job.name()));

    assertThat(loaded.args().glueJobRunId()).contains("jr_1");
    assertThat(loaded.etl().runId()).isEqualTo("jr_1");
    assertThat(loaded.etl().zones().raw()).isEqualTo("s3://r");
    assertThat(loaded.etl().zones().processed()).isEqualTo("s3://p");
    assertThat(loaded.etl().zones().reports()).isEqualTo("s3://reports/alb-reports");
    assertThat(loaded.jobConfig()).isNotNull();
  }

  @Test
  void healthCheckRunsUnderAScratchPrefixOfEveryZoneNamedByTheGlueRunId() {
    List<String> argv = new ArrayList<>(recordedGlueVector("health-check"));
    argv.addAll(List.of("--loglake.metrics.cloudwatch.enabled", "true"));
    EtlJob<?> healthCheck = JobArgVectors.jobOfClass("dev.loglake.jobs.healthcheck.HealthCheckJob");

    HealthCheckConfig config = (HealthCheckConfig) JobArgVectors.load(healthCheck, argv).jobConfig();

    assertThat(config.tempLake()).isEmpty();
    assertThat(config.scratch().asMap().values()).containsExactly(
        "s3://r/_health/jr_1", "s3://p/_health/jr_1", "s3://c/_health/jr_1", "s3://q/_health/jr_1",
        "s3://reports/alb-reports/_health/jr_1");
    assertThat(config.pipeline().etl().zones()).isEqualTo(config.scratch());
    assertThat(config.pipeline().etl().config().getString("loglake.zones.processed")).isEqualTo("s3://p/_health/jr_1");
  }

  @Test
  void aMissingBucketIsAConfigErrorNamingTheKey() {
    List<String> argv = new ArrayList<>(recordedGlueVector("quality"));
    int i = argv.indexOf("--loglake.aws.curated-bucket");
    argv.remove(i + 1);
    argv.remove(i);
    EtlJob<?> quality = JobArgVectors.jobOfClass("dev.loglake.jobs.quality.QualityJob");

    assertThatThrownBy(() -> JobArgVectors.load(quality, argv))
        .isInstanceOf(EtlException.class)
        .satisfies(e -> assertThat(((EtlException) e).exitCode()).isEqualTo(2))
        .hasMessageContaining("curated-bucket");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"mode\":\"pipeline\"}", "{\"mode\":\"pipeline\",\"date\":\"2024-03-10\"}"})
  void emrServerlessEntryPointArgumentsLoadAValidConfigWithAndWithoutADate(String input) {
    StateMachine sm = StateMachine.load("pipeline-emr-serverless.asl.json");
    AslWalk.Walk walk = AslWalk.walk(sm, input, StateMachineDefinitionTest.ok());
    Map<String, String> roleOfState = Map.of("RawToProcessed", "RawToProcessed", "Quality", "Quality",
        "ProcessedToCurated", "ProcessedToCurated", "QualityCurated", "Quality", "AlbStatus", "AlbStatus");
    roleOfState.forEach((state, role) -> {
      JsonNode task = walk.parametersOf(state);
      JsonNode submit = task.get("JobDriver").get("SparkSubmit");
      Matcher cls = Pattern.compile("--class (\\S+)").matcher(submit.get("SparkSubmitParameters").asText());
      assertThat(cls.find()).as(state).isTrue();
      assertThat(task.get("ExecutionRoleArn").asText()).isEqualTo("${" + role + "RoleArn}");
      List<String> argv = new ArrayList<>();
      submit.get("EntryPointArguments").forEach(a -> argv.add(substitute(a.asText())));

      JobArgVectors.Loaded loaded = JobArgVectors.load(JobArgVectors.jobOfClass(cls.group(1)), argv);
      assertThat(loaded.etl().zones().curated()).as(state).isEqualTo("s3://curated-bucket");
      assertThat(dev.loglake.common.catalog.CatalogConfig.from(loaded.etl())).isEqualTo(
          new dev.loglake.common.catalog.CatalogConfig(true, "lake_processed", "lake_curated", "lake_quality"));
      assertThat(argv.contains("2024-03-10")).as(state).isEqualTo(input.contains("date"));
      check(loaded.jobConfig(), input.contains("date"));
      // Both quality runs send their warnings to the alerts topic, as the Glue quality job does.
      assertThat(java.util.Collections.indexOfSubList(argv, List.of("--loglake.quality.warnings.sns-topic-arn",
          "arn:aws:sns:eu-west-1:123456789012:alerts")) >= 0).as(state).isEqualTo(state.startsWith("Quality"));
      if (loaded.jobConfig() instanceof dev.loglake.jobs.albstatus.AlbStatusConfig albStatus) {
        // The template's ReportLinkSecretArn (substituted as the secret's ARN here) signs the link.
        assertThat(albStatus.delivery().presignSecret()).as(state).contains(SECRET);
        // Without the parameter the substitution is empty: no secret, the role signs.
        List<String> noSecret = new ArrayList<>();
        submit.get("EntryPointArguments").forEach(a -> noSecret.add(
            substitute(a.asText().replace("${ReportLinkSecretArn}", ""))));
        Object unset = JobArgVectors.load(JobArgVectors.jobOfClass(cls.group(1)), noSecret).jobConfig();
        assertThat(((dev.loglake.jobs.albstatus.AlbStatusConfig) unset).delivery().presignSecret()).isEmpty();
      }
    });
  }

  static final String SECRET = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:loglake/report-link-AbCdEf";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"mode\":\"pipeline\"}", "{\"mode\":\"pipeline\",\"date\":\"2024-03-10\"}"})
  void glueDefinitionPassesOnlyDeclaredOptions(String input) {
    StateMachine sm = StateMachine.load("pipeline.asl.json");
    AslWalk.Walk walk = AslWalk.walk(sm, input, StateMachineDefinitionTest.ok());
    Map<String, String> jobOfState = Map.of(
        "RawToProcessed", "dev.loglake.jobs.rawtoprocessed.RawToProcessedJob",
        "Quality", "dev.loglake.jobs.quality.QualityJob",
        "ProcessedToCurated", "dev.loglake.jobs.processedtocurated.ProcessedToCuratedJob",
        "QualityCurated", "dev.loglake.jobs.quality.QualityJob",
        "AlbStatus", "dev.loglake.jobs.albstatus.AlbStatusJob");
    jobOfState.forEach((state, cls) -> {
      List<String> argv = new ArrayList<>(recordedGlueVector(state));
      walk.parametersOf(state).get("Arguments").fields().forEachRemaining(e -> {
        argv.add(e.getKey());
        argv.add(substitute(e.getValue().asText()));
      });
      check(JobArgVectors.load(JobArgVectors.jobOfClass(cls), argv).jobConfig(), input.contains("date"));
    });
  }

  /** What each job makes of the machine's arguments: the day, the quality zone and gate file, the models. */
  private static void check(Object config, boolean dated) {
    java.time.LocalDate day = java.time.LocalDate.parse("2024-03-10");
    if (config instanceof dev.loglake.jobs.rawtoprocessed.RawToProcessedConfig r2p && dated) {
      // The day's files: its folders and the next day's, where ALB delivers the day's last minutes.
      assertThat(r2p.range()).contains(new dev.loglake.common.config.DateRange(day, day.plusDays(1)));
    } else if (config instanceof dev.loglake.jobs.quality.QualityConfig q) {
      assertThat(q.gating().gateFile()).matches("s3://quality-bucket/_gates/" + AslWalk.EXECUTION
          + "/quality(-curated)?\\.json");
      assertThat(q.gating().zone()).isEqualTo(q.gating().gateFile().endsWith("-curated.json")
          ? dev.loglake.jobs.quality.QualityConfig.Zone.CURATED : dev.loglake.jobs.quality.QualityConfig.Zone.PROCESSED);
      assertThat(q.range().isPresent()).isEqualTo(dated);
    } else if (config instanceof dev.loglake.jobs.processedtocurated.ProcessedToCuratedConfig p2c) {
      assertThat(p2c.models()).isEqualTo(GateFiles.ALL_MODELS);
      assertThat(p2c.range().isPresent()).isEqualTo(dated);
    }
  }

  /** Fills the ${...} placeholders CloudFormation would substitute. */
  static String substitute(String s) {
    return s.replace("${Region}", "eu-west-1")
        .replace("${RawBucket}", "raw-bucket").replace("${ProcessedBucket}", "processed-bucket")
        .replace("${CuratedBucket}", "curated-bucket").replace("${QualityBucket}", "quality-bucket")
        .replace("${ReportBucket}", "report-bucket")
        .replace("${ProcessedDatabase}", "lake_processed").replace("${CuratedDatabase}", "lake_curated")
        .replace("${QualityDatabase}", "lake_quality")
        .replace("${AlertsTopicArn}", "arn:aws:sns:eu-west-1:123456789012:alerts")
        .replace("${ReportLinkSecretArn}", SECRET);
  }
}
