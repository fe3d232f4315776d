package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.loglake.common.report.DeliverySettings;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.Jobs;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** scripts/aws/loglake.yaml and artifacts.yaml, parsed offline. */
class CloudFormationTemplateTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  private static final Set<String> ZONE_BUCKETS =
      Set.of("RawBucket", "ProcessedBucket", "CuratedBucket", "QualityBucket", "ReportsBucket");
  private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

  /**
   * The seeds' storage rules: raw objects to Standard-IA, then to Glacier Flexible Retrieval after a
   * year; reports to Standard-IA after 90 days. S3 transitions to Standard-IA only objects at least 30
   * days old, and an object must stay 30 days in Standard-IA before it moves to Glacier
   * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html,
   * https://repost.aws/knowledge-center/s3-lifecycle-rule-glacier-storage): the defaults keep both.
   */
  @Test
  void rawObjectsGoToGlacierAfterAYearAndReportsToInfrequentAccessAfter90Days() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Map<String, Object> raw = transitions(in, "RawBucket");
    Map<String, Object> reports = transitions(in, "ReportsBucket");

    assertThat(raw).isEqualTo(Map.of("STANDARD_IA", "90", "GLACIER", "365"));
    assertThat(reports).isEqualTo(Map.of("STANDARD_IA", "90"));
    assertThat(Integer.parseInt((String) raw.get("GLACIER")) - Integer.parseInt((String) raw.get("STANDARD_IA")))
        .isGreaterThanOrEqualTo(30);
  }

  /** Storage class to the days of its transition, over the enabled lifecycle rules of {@code bucket}. */
  private static Map<String, Object> transitions(Intrinsics in, String bucket) {
    Map<String, Object> props = Json.map(MAIN.resources().get(bucket), bucket);
    List<?> rules = (List<?>) Json.map(Json.map(props.get("Properties"), bucket).get("LifecycleConfiguration"), bucket).get("Rules");
    Map<String, Object> out = new java.util.TreeMap<>();
    for (Object r : rules) {
      Map<String, Object> rule = Json.map(r, bucket);
      if ("Enabled".equals(rule.get("Status")) && rule.get("Transitions") instanceof List<?> ts) {
        for (Object t : ts) {
          Map<String, Object> tr = Json.map(t, bucket);
          out.put((String) tr.get("StorageClass"), String.valueOf(in.resolve(tr.get("TransitionInDays"))));
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"loglake.yaml", "artifacts.yaml"})
  void everyRefGetAttSubConditionAndDependsOnTargetExists(String file) {
    CfnTemplate t = CfnTemplate.load(file);
    List<String> missing = new ArrayList<>();
    walk(t, t.root(), missing, "");
    t.resources().forEach((id, r) -> {
      Map<String, Object> res = Json.map(r, id);
      if (res.containsKey("Condition") && !t.conditions().containsKey(res.get("Condition"))) {
        missing.add(id + ": condition " + res.get("Condition"));
      }
      for (Object d : res.containsKey("DependsOn") ? Json.oneOrMany(res.get("DependsOn")) : List.of()) {
        if (!t.resources().containsKey(d)) {
          missing.add(id + ": DependsOn " + d);
        }
      }
    });
    assertThat(missing).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"loglake.yaml", "artifacts.yaml"})
  void everyBucketIsEncryptedPrivateAndHasLifecycle(String file) {
    CfnTemplate t = CfnTemplate.load(file);
    Map<String, Map<String, Object>> buckets = t.resourcesOfType("AWS::S3::Bucket");
    assertThat(buckets).isNotEmpty();
    buckets.forEach((id, p) -> {
      Map<String, Object> sse = Json.map(Json.list(Json.map(p.get("BucketEncryption"), id)
          .get("ServerSideEncryptionConfiguration"), id).get(0), id);
      assertThat(Json.map(sse.get("ServerSideEncryptionByDefault"), id).get("SSEAlgorithm")).as(id)
          .isIn("AES256", "aws:kms");
      assertThat(Json.map(p.get("PublicAccessBlockConfiguration"), id).values()).as(id)
          .hasSize(4).allMatch(Boolean.TRUE::equals);
      assertThat(Json.map(p.get("LifecycleConfiguration"), id).get("Rules")).as(id).isNotNull();
    });
  }

  @Test
  void zonesAreVersionedRawGoesToInfrequentAccessAndQueryResultsExpire() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Map<String, Map<String, Object>> buckets = MAIN.resourcesOfType("AWS::S3::Bucket");
    assertThat(buckets.keySet()).containsAll(ZONE_BUCKETS).contains("AthenaResultsBucket");
    for (String zone : ZONE_BUCKETS) {
      assertThat(Json.map(buckets.get(zone).get("VersioningConfiguration"), zone).get("Status"))
          .as(zone).isEqualTo("Enabled");
    }
    Map<String, Object> rawRule = rule(buckets.get("RawBucket"), "raw-to-infrequent-access");
    Map<String, Object> transition = Json.map(Json.list(rawRule.get("Transitions"), "Transitions").get(0), "t");
    assertThat(transition.get("StorageClass")).isEqualTo("STANDARD_IA");
    assertThat(in.resolve(transition.get("TransitionInDays"))).isEqualTo("90");
    Map<String, Object> athena = rule(buckets.get("AthenaResultsBucket"), "expire-query-results");
    assertThat(Integer.parseInt(in.resolve(athena.get("ExpirationInDays")))).isPositive();
  }

  @Test
  void oneGlue50JobPerJobClassAndEachClassHasAMain() throws Exception {
    Map<String, Map<String, Object>> glueJobs = MAIN.resourcesOfType("AWS::Glue::Job");
    Set<String> classes = new TreeSet<>();
    for (Map.Entry<String, Map<String, Object>> e : glueJobs.entrySet()) {
      Map<String, Object> p = e.getValue();
      Map<String, Object> args = Json.map(p.get("DefaultArguments"), e.getKey());
      String cls = (String) args.get("--class");
      classes.add(cls);

      Class<?> c = Class.forName(cls);
      assertThat(EtlJob.class).isAssignableFrom(c);
      Method main = c.getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers())).as(cls + ".main is static").isTrue();

      assertThat(p.get("GlueVersion")).as(e.getKey()).isEqualTo("5.0");
      Map<String, Object> command = Json.map(p.get("Command"), e.getKey());
      assertThat(command.get("Name")).isEqualTo("glueetl");
      assertThat(new Intrinsics(MAIN, Map.of()).resolve(command.get("ScriptLocation")))
          .startsWith("s3://param-ArtifactsBucket/");
      assertThat(p.get("WorkerType")).isEqualTo(Map.of("Ref", "WorkerType"));
      assertThat(p.get("NumberOfWorkers")).isEqualTo(Map.of("Ref", "NumberOfWorkers"));
      assertThat(args).containsEntry("--job-language", "scala")
          .containsEntry("--datalake-formats", "delta")
          .containsEntry("--enable-glue-datacatalog", "true")
          .containsEntry("--user-jars-first", "true")
          .containsEntry("--env", "aws")
          .containsKeys("--extra-jars", "--loglake.aws.raw-bucket", "--loglake.aws.processed-bucket",
              "--loglake.aws.curated-bucket", "--loglake.aws.quality-bucket", "--loglake.aws.report-bucket");
      assertThat(new Intrinsics(MAIN, Map.of()).resolve(args.get("--extra-jars")))
          .isEqualTo("s3://param-ArtifactsBucket/jars/loglake-jobs-0.1.0-SNAPSHOT.jar");
    }
    Set<String> expected = new TreeSet<>();
    Jobs.all().forEach(j -> expected.add(j.getClass().getName()));
    assertThat(classes).isEqualTo(expected);
    assertThat(glueJobs).hasSameSizeAs(expected);
  }

  @Test
  void glueJobDefaultArgumentsAreAcceptedByTheirJobClassAndLoadAValidConfig() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    MAIN.resourcesOfType("AWS::Glue::Job").forEach((id, p) -> {
      JobArgVectors.Loaded loaded = JobArgVectors.glueJob(in, id, p);

      assertThat(loaded.etl().env()).isEqualTo("aws");
      assertThat(loaded.etl().runId()).isEqualTo("jr_" + id);
      assertThat(loaded.etl().zones().raw()).isEqualTo("s3://loglake-test-rawbucket");
      assertThat(loaded.etl().zones().reports()).isEqualTo("s3://loglake-test-reportsbucket/alb-reports");
      // The catalog databases the job registers its tables in are the ones the template creates and
      // grants (the Glue::Database resources and the roles' WriteCatalog statements).
      assertThat(dev.loglake.common.catalog.CatalogConfig.from(loaded.etl())).as(id).isEqualTo(
          new dev.loglake.common.catalog.CatalogConfig(true, in.ref("ProcessedGlueDatabase"),
              in.ref("CuratedGlueDatabase"), in.ref("QualityGlueDatabase")));
    });
  }

  @Test
  void stateMachineSubstitutionsFillExactlyTheDefinitionsPlaceholders() {
    Map<String, String> definitionFiles = Map.of(
        "GluePipelineStateMachine", "pipeline.asl.json",
        "EmrServerlessPipelineStateMachine", "pipeline-emr-serverless.asl.json");
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Map<String, Map<String, Object>> machines = MAIN.resourcesOfType("AWS::StepFunctions::StateMachine");
    assertThat(machines.keySet()).containsExactlyInAnyOrderElementsOf(definitionFiles.keySet());
    machines.forEach((id, p) -> {
      Map<String, Object> location = Json.map(p.get("DefinitionS3Location"), id);
      assertThat(in.resolve(location.get("Key"))).endsWith("/" + definitionFiles.get(id));
      Set<String> substitutions = new TreeSet<>(Json.map(p.get("DefinitionSubstitutions"), id).keySet());
      assertThat(substitutions).as(id).isEqualTo(StateMachine.load(definitionFiles.get(id)).placeholders());
    });
  }

  @Test
  void engineParameterSelectsTheStateMachineVariant() {
    for (String engine : List.of("glue", "emr-serverless")) {
      Intrinsics in = new Intrinsics(MAIN, Map.of("Engine", engine));
      Map<String, Boolean> created = new LinkedHashMap<>();
      MAIN.resourcesOfType("AWS::StepFunctions::StateMachine").keySet().forEach(id ->
          created.put(id, in.condition((String) Json.map(MAIN.resources().get(id), id).get("Condition"))));
      assertThat(created.values()).as(engine).containsExactlyInAnyOrder(true, false);
      assertThat(created.get(engine.equals("glue") ? "GluePipelineStateMachine" : "EmrServerlessPipelineStateMachine"))
          .isTrue();
      assertThat(in.resolve(Json.map(Json.map(MAIN.root().get("Outputs"), "Outputs").get("StateMachineArn"), "o")
          .get("Value"))).isEqualTo(in.ref(engine.equals("glue") ? "GluePipelineStateMachine" : "EmrServerlessPipelineStateMachine"));
    }
  }

  @Test
  void everyScheduleExpressionAndScheduleDefaultIsValid() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    List<String> problems = new ArrayList<>();
    MAIN.resourcesOfType("AWS::Events::Rule").forEach((id, p) -> {
      if (p.containsKey("ScheduleExpression")) {
        String expr = in.resolve(p.get("ScheduleExpression"));
        ScheduleExpressions.problem(expr).ifPresent(msg -> problems.add(id + " " + expr + ": " + msg));
      }
    });
    MAIN.resourcesOfType("AWS::Glue::Trigger").forEach((id, p) -> {
      String expr = in.resolve(p.get("Schedule"));
      ScheduleExpressions.problem(expr).ifPresent(msg -> problems.add(id + " " + expr + ": " + msg));
    });
    assertThat(problems).isEmpty();
    assertThat(in.resolve(Map.of("Ref", "PipelineSchedule"))).isEqualTo("cron(30 2 * * ? *)");
    assertThat(in.resolve(Map.of("Ref", "HealthCheckSchedule"))).isEqualTo("cron(0 5 * * ? *)");
    assertThat(in.resolve(Map.of("Ref", "IngestSchedule"))).startsWith("cron(5 * * * ? *)");
    assertThat(MAIN.resourcesOfType("AWS::Events::Rule").keySet())
        .contains("DailyPipelineRule", "HourlyIngestRule", "RawObjectCreatedRule", "RawEventsTickRule");
  }

  @Test
  void alarmsDashboardTopicAndAthenaQueriesArePresent() {
    assertThat(MAIN.resourcesOfType("AWS::CloudWatch::Alarm").keySet())
        .contains("PipelineFailedAlarm", "FreshnessAlarm", "HealthCheckFailedAlarm");
    assertThat(MAIN.resourcesOfType("AWS::CloudWatch::Dashboard")).hasSize(1);
    assertThat(MAIN.resourcesOfType("AWS::SNS::Topic")).hasSize(1);
    assertThat(MAIN.resourcesOfType("AWS::Athena::WorkGroup")).hasSize(1);
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Map<String, Map<String, Object>> queries = MAIN.resourcesOfType("AWS::Athena::NamedQuery");
    assertThat(queries).hasSizeGreaterThanOrEqualTo(3);
    // The saved queries over the curated database read the alb-status tables (RawAlbLogsTableTest has the raw one).
    queries.forEach((id, p) -> {
      if (Map.of("Ref", "CuratedGlueDatabase").equals(p.get("Database"))) {
        assertThat(in.resolve(p.get("QueryString"))).as(id).contains(in.ref("CuratedGlueDatabase") + ".alb_status_");
      }
    });
    MAIN.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, p) ->
        assertThat(p.get("AlarmActions")).as(id).isEqualTo(List.of(Map.of("Ref", "AlertsTopic"))));
  }

  @Test
  void healthCheckRunsDailyPublishesItsMetricsAndAlarmsOnItsFailedMetric() {
    Map<String, Object> trigger = MAIN.resourcesOfType("AWS::Glue::Trigger").get("HealthCheckTrigger");
    assertThat(trigger.get("Type")).isEqualTo("SCHEDULED");
    assertThat(trigger.get("Schedule")).isEqualTo(Map.of("Ref", "HealthCheckSchedule"));
    assertThat(trigger.get("Actions")).isEqualTo(List.of(Map.of("JobName", Map.of("Ref", "HealthCheckGlueJob"))));
    Map<String, Object> job = MAIN.resourcesOfType("AWS::Glue::Job").get("HealthCheckGlueJob");
    EtlJob<?> healthCheck = JobArgVectors.jobOfClass("dev.loglake.jobs.healthcheck.HealthCheckJob");
    assertThat(Json.map(job.get("DefaultArguments"), "args"))
        .containsEntry("--class", healthCheck.getClass().getName())
        .containsEntry("--loglake.metrics.cloudwatch.enabled", "true");

    Map<String, Object> alarm = MAIN.resourcesOfType("AWS::CloudWatch::Alarm").get("HealthCheckFailedAlarm");
    Config reference = ConfigFactory.parseResourcesAnySyntax("reference.conf");
    assertThat(alarm.get("Namespace")).isEqualTo(reference.getString("loglake.metrics.cloudwatch.namespace"));
    assertThat(alarm.get("MetricName")).isEqualTo("failed");
    assertThat(alarm.get("Dimensions")).isEqualTo(List.of(Map.of("Name", "Job", "Value", healthCheck.name())));
    assertThat(alarm).containsEntry("Statistic", "Maximum").containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
    Map<String, Object> failedRule = MAIN.resourcesOfType("AWS::Events::Rule").get("GlueJobFailedRule");
    Map<String, Object> detail = Json.map(Json.map(failedRule.get("EventPattern"), "EventPattern").get("detail"), "detail");
    assertThat(Json.list(detail.get("jobName"), "jobName")).contains(Map.of("Ref", "HealthCheckGlueJob"));
  }

  @Test
  void reportLinkSecretIsOptionalAndOnlyTheReportDeliveringJobsMayReadIt() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:loglake/report-link-AbCdEf";
    Map<String, Map<String, Object>> glueJobs = MAIN.resourcesOfType("AWS::Glue::Job");
    Set<String> delivering = new TreeSet<>();
    glueJobs.forEach((id, p) -> {
      if ("true".equals(Json.map(p.get("DefaultArguments"), id).get("--loglake.alb.delivery.enabled"))) {
        delivering.add(id);
      }
    });
    assertThat(delivering).containsExactly("AlbStatusGlueJob", "PipelineGlueJob");
    String pattern = (String) Json.map(MAIN.parameters().get("ReportLinkSecretArn"), "param").get("AllowedPattern");
    assertThat(List.of("", arn)).allMatch(v -> v.matches(pattern));
    assertThat("loglake/report-link").doesNotMatch(pattern);

    for (String value : List.of("", arn)) {
      Intrinsics in = new Intrinsics(MAIN, Map.of("ReportLinkSecretArn", value));
      Optional<String> expected = value.isEmpty() ? Optional.empty() : Optional.of(arn);
      assertThat(in.condition((String) Json.map(MAIN.resources().get("ReadReportLinkSecretPolicy"), "p")
          .get("Condition"))).isEqualTo(expected.isPresent());
      // The argument is absent (AWS::NoValue) without a secret, and only the report jobs get it.
      glueJobs.forEach((id, p) -> assertThat(DeliverySettings.from(JobArgVectors.glueJob(in, id, p).etl().config())
          .presignSecret()).as(id).isEqualTo(delivering.contains(id) ? expected : Optional.empty()));
    }

    // GetSecretValue on that one secret, for exactly the roles of the jobs that deliver reports.
    Map<String, Object> policy = MAIN.resourcesOfType("AWS::IAM::Policy").get("ReadReportLinkSecretPolicy");
    Set<Object> roles = new TreeSet<>();
    delivering.forEach(id -> roles.add(Json.list(Json.map(glueJobs.get(id).get("Role"), id).get("Fn::GetAtt"), id).get(0)));
    assertThat(Json.list(policy.get("Roles"), "Roles")).extracting(r -> Json.map(r, "role").get("Ref"))
        .containsExactlyInAnyOrderElementsOf(roles);
    assertThat(Json.list(Json.map(policy.get("PolicyDocument"), "doc").get("Statement"), "Statement"))
        .containsExactly(Map.of("Sid", "ReadReportLinkSecret", "Effect", "Allow",
            "Action", List.of("secretsmanager:GetSecretValue"), "Resource", List.of(Map.of("Ref", "ReportLinkSecretArn"))));
  }

  private static Map<String, Object> rule(Map<String, Object> bucket, String ruleId) {
    for (Object r : Json.list(Json.map(bucket.get("LifecycleConfiguration"), "lc").get("Rules"), "Rules")) {
      if (ruleId.equals(Json.map(r, "rule").get("Id"))) {
        return Json.map(r, ruleId);
      }
    }
    throw new AssertionError("no lifecycle rule " + ruleId);
  }

  private static final Set<String> PSEUDO =
      Set.of("AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::Partition", "AWS::URLSuffix",
          "AWS::NoValue", "AWS::StackId", "AWS::NotificationARNs");

  private static void walk(CfnTemplate t, Object node, List<String> missing, String where) {
    if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        walk(t, l.get(i), missing, where + "[" + i + "]");
      }
      return;
    }
    if (!(node instanceof Map<?, ?> m)) {
      return;
    }
    Map<String, Object> map = Json.map(m, where);
    if (map.size() == 1) {
      String key = map.keySet().iterator().next();
      Object arg = map.get(key);
      switch (key) {
        case "Ref" -> {
          if (!PSEUDO.contains(arg) && !t.parameters().containsKey(arg) && !t.resources().containsKey(arg)) {
            missing.add(where + ": Ref " + arg);
          }
        }
        case "Fn::GetAtt" -> {
          if (!t.resources().containsKey(Json.list(arg, where).get(0))) {
            missing.add(where + ": GetAtt " + arg);
          }
        }
        case "Fn::Sub" -> {
          String text = arg instanceof List<?> l ? (String) l.get(0) : (String) arg;
          Set<?> vars = arg instanceof List<?> l ? Json.map(l.get(1), where).keySet() : Set.of();
          Matcher v = SUB_VAR.matcher(text);
          while (v.find()) {
            String name = v.group(1).split("\\.")[0];
            if (!vars.contains(v.group(1)) && !PSEUDO.contains(v.group(1))
                && !t.parameters().containsKey(name) && !t.resources().containsKey(name)) {
              missing.add(where + ": Sub ${" + v.group(1) + "}");
            }
          }
        }
        case "Fn::If" -> {
          if (!t.conditions().containsKey(Json.list(arg, where).get(0))) {
            missing.add(where + ": If condition " + Json.list(arg, where).get(0));
          }
        }
        case "Condition" -> {
          if (arg instanceof String s && where.contains("Conditions") && !t.conditions().containsKey(s)) {
            missing.add(where + ": Condition " + s);
          }
        }
        default -> { }
      }
    }
    map.forEach((k, v) -> walk(t, v, missing, where + "." + k));
  }
}
