package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every identity policy in loglake.yaml is scoped to the stack's own buckets and named resources. */
class IamPolicyScopeTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");

  /** Actions that have no resource-level permissions, so "*" is the only possible Resource. */
  private static final Set<String> UNSCOPABLE =
      Set.of(
          "cloudwatch:PutMetricData", "logs:DescribeLogGroups", "logs:CreateLogDelivery",
          "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
          "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies");

  /** The namespace JobRunner puts job metrics in by default (loglake.metrics.cloudwatch.namespace). */
  private static final String METRICS_NAMESPACE =
      ConfigFactory.parseResourcesAnySyntax("reference.conf").getString("loglake.metrics.cloudwatch.namespace");

  /** One Allow statement with its resolved resources, and where it is. */
  record Statement(String where, List<String> actions, List<String> resources, Object condition) {}

  @Test
  void noWildcardActionsAndStarOnlyForActionsWithoutResourceLevelPermissions() {
    List<String> problems = new ArrayList<>();
    for (Statement s : statements()) {
      for (String a : s.actions()) {
        if (a.equals("*") || a.endsWith(":*")) {
          problems.add(s.where() + ": wildcard action " + a);
        }
      }
      if (s.resources().contains("*")) {
        s.actions().stream().filter(a -> !UNSCOPABLE.contains(a))
            .forEach(a -> problems.add(s.where() + ": " + a + " on *"));
      }
      if (s.actions().contains("cloudwatch:PutMetricData")) {
        assertThat(s.actions()).as(s.where() + ": PutMetricData alone in its statement").hasSize(1);
        assertThat(s.condition()).as(s.where() + ": PutMetricData limited to Glue's and loglake's namespaces")
            .isEqualTo(Map.of("StringEquals", Map.of("cloudwatch:namespace", List.of("Glue", METRICS_NAMESPACE))));
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void s3ActionsOnlyTouchTheStacksBuckets() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Set<String> buckets = new TreeSet<>();
    MAIN.resourcesOfType("AWS::S3::Bucket").keySet().forEach(id -> buckets.add(in.ref(id)));
    buckets.add(in.ref("ArtifactsBucket"));
    List<String> problems = new ArrayList<>();
    for (Statement s : statements()) {
      if (s.actions().stream().noneMatch(a -> a.startsWith("s3:"))) {
        continue;
      }
      for (String r : s.resources()) {
        String bucket = r.startsWith("arn:aws:s3:::") ? r.substring("arn:aws:s3:::".length()).split("/")[0] : null;
        if (bucket == null || !buckets.contains(bucket)) {
          problems.add(s.where() + ": " + r);
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void otherServicesOnlyTouchNamedResourcesOfTheStack() {
    List<String> problems = new ArrayList<>();
    String glueArn = "arn:aws:glue:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":";
    for (String engine : List.of("glue", "emr-serverless")) {
      for (Statement s : statements(Map.of("Engine", engine))) {
        for (String a : s.actions()) {
          String service = a.substring(0, a.indexOf(':'));
          for (String r : s.resources()) {
            boolean ok = switch (service) {
              case "s3" -> true; // checked above
              case "glue" -> r.startsWith(glueArn + "catalog") || r.startsWith(glueArn + "database/")
                  || r.startsWith(glueArn + "table/") || r.startsWith(glueArn + "job/" + Intrinsics.STACK + "-");
              case "sns" -> r.equals(new Intrinsics(MAIN, Map.of()).ref("AlertsTopic"));
              case "sqs" -> r.contains(":RawEventsQueue");
              case "states" -> r.contains(":stateMachine:");
              case "iam" -> r.startsWith("arn:aws:iam::" + Intrinsics.ACCOUNT + ":role/" + Intrinsics.STACK + "-");
              case "emr-serverless" -> r.contains(":EmrServerlessApplication");
              case "events" -> r.endsWith(":rule/StepFunctionsGetEventsForEMRServerlessJobRule");
              case "logs", "cloudwatch" -> r.equals("*") || r.contains(":log-group:");
              default -> false;
            };
            if (!ok) {
              problems.add(s.where() + ": " + a + " on " + r);
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void eachJobRoleGetsOnlyTheZonesItNeeds() {
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("RawToProcessedRole", Set.of("ReadRawPolicy", "WriteProcessedPolicy"));
    // WriteJobRunsPolicy: every job writes its row of the run history processed/_job_runs.
    expected.put("QualityRole", Set.of("ReadProcessedPolicy", "ReadCuratedPolicy", "WriteQualityPolicy", "WriteJobRunsPolicy"));
    expected.put("ProcessedToCuratedRole", Set.of("ReadProcessedPolicy", "WriteCuratedPolicy", "WriteJobRunsPolicy"));
    expected.put("AlbStatusRole", Set.of("ReadRawPolicy", "ReadProcessedPolicy", "WriteCuratedPolicy", "WriteReportsPolicy",
        "WriteJobRunsPolicy"));
    expected.put("PipelineRole", Set.of("ReadRawPolicy", "WriteProcessedPolicy", "WriteCuratedPolicy",
        "WriteQualityPolicy", "WriteReportsPolicy"));
    expected.put("GenerateSampleDataRole", Set.of("WriteRawPolicy", "WriteJobRunsPolicy"));
    expected.put("HealthCheckRole", Set.of());
    expected.put("MaintainRole", Set.of("WriteProcessedPolicy", "WriteCuratedPolicy", "WriteQualityPolicy"));
    Map<String, Map<String, Object>> roles = MAIN.resourcesOfType("AWS::IAM::Role");
    expected.forEach((role, zones) -> {
      Set<String> attached = new TreeSet<>();
      for (Object ref : Json.list(roles.get(role).get("ManagedPolicyArns"), role)) {
        attached.add((String) Json.map(ref, role).get("Ref"));
      }
      attached.remove("JobRuntimePolicy");
      assertThat(attached).as(role).isEqualTo(new TreeSet<>(zones));
    });
    // Every Glue job runs as its own role.
    Set<String> jobRoles = new TreeSet<>();
    MAIN.resourcesOfType("AWS::Glue::Job").forEach((id, p) ->
        jobRoles.add((String) Json.list(Json.map(p.get("Role"), id).get("Fn::GetAtt"), id).get(0)));
    assertThat(jobRoles).isEqualTo(expected.keySet().stream().collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void healthCheckWritesOnlyUnderTheZonesScratchPrefixes() {
    List<String> objectResources = new ArrayList<>();
    for (Statement s : statements()) {
      if (s.where().startsWith("HealthCheckRole/")
          && s.actions().stream().anyMatch(a -> a.startsWith("s3:") && !a.startsWith("s3:List") && !a.startsWith("s3:GetBucket"))) {
        objectResources.addAll(s.resources());
      }
    }
    assertThat(objectResources).hasSize(5).allMatch(r -> r.matches("arn:aws:s3:::[^/]+/(alb-reports/)?_health\\*"));
  }

  /**
   * The services whose role trust policy AWS documents with aws:SourceAccount. A condition on a key
   * the request does not carry denies the request, so every other service (Glue, which documents no
   * such key for the job roles it assumes: https://docs.aws.amazon.com/glue/latest/dg/create-an-iam-role.html)
   * gets no condition, or no job would ever start.
   */
  private static final Map<String, String> SOURCE_ACCOUNT_DOCUMENTED =
      Map.of(
          "emr-serverless.amazonaws.com",
          "https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/getting-started.html#gs-runtime-role",
          "states.amazonaws.com",
          "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html",
          "events.amazonaws.com",
          "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-conditions.html");

  @Test
  void rolesTrustTheirServicesWithASourceAccountConditionOnlyWhereTheServiceDocumentsIt() {
    Map<String, List<String>> servicesOfRole = new TreeMap<>();
    for (String role : List.of("RawToProcessedRole", "QualityRole", "ProcessedToCuratedRole", "AlbStatusRole",
        "PipelineRole", "GenerateSampleDataRole")) {
      servicesOfRole.put(role, List.of("glue.amazonaws.com", "emr-serverless.amazonaws.com"));
    }
    servicesOfRole.put("HealthCheckRole", List.of("glue.amazonaws.com"));
    servicesOfRole.put("MaintainRole", List.of("glue.amazonaws.com", "emr-serverless.amazonaws.com"));
    servicesOfRole.put("StateMachineRole", List.of("states.amazonaws.com"));
    servicesOfRole.put("EventsStartPipelineRole", List.of("events.amazonaws.com"));
    Map<String, Object> sourceAccount = Map.of("StringEquals", Map.of("aws:SourceAccount", Intrinsics.ACCOUNT));
    Map<String, Object> expected = new TreeMap<>();
    servicesOfRole.forEach((role, services) -> {
      Map<String, Object> byService = new TreeMap<>();
      services.forEach(s -> byService.put(s, SOURCE_ACCOUNT_DOCUMENTED.containsKey(s) ? sourceAccount : "no condition"));
      expected.put(role, byService);
    });

    Intrinsics in = new Intrinsics(MAIN, Map.of("Engine", "emr-serverless"));
    Map<String, Object> trusted = new TreeMap<>();
    MAIN.resourcesOfType("AWS::IAM::Role").forEach((id, p) -> {
      Map<String, Object> byService = new TreeMap<>();
      Map<String, Object> doc = Json.map(in.render(p.get("AssumeRolePolicyDocument")), id);
      for (Object st : Json.list(doc.get("Statement"), id)) {
        Map<String, Object> s = Json.map(st, id);
        assertThat(s).as(id).containsEntry("Effect", "Allow").containsEntry("Action", "sts:AssumeRole");
        for (Object service : Json.oneOrMany(Json.map(s.get("Principal"), id).get("Service"))) {
          byService.put((String) service, s.containsKey("Condition") ? s.get("Condition") : "no condition");
        }
      }
      trusted.put(id, byService);
    });

    assertThat(trusted).isEqualTo(expected);
  }

  private static List<Statement> statements() {
    return statements(Map.of());
  }

  /** Allow statements of inline role policies, managed policies and AWS::IAM::Policy, resolved. */
  private static List<Statement> statements(Map<String, String> params) {
    Intrinsics in = new Intrinsics(MAIN, params);
    List<Statement> out = new ArrayList<>();
    MAIN.resources().forEach((id, r) -> {
      Map<String, Object> res = Json.map(r, id);
      if (res.containsKey("Condition") && !in.condition((String) res.get("Condition"))) {
        return;
      }
      Map<String, Object> p = Json.map(res.getOrDefault("Properties", Map.of()), id);
      List<Object> docs = new ArrayList<>();
      switch ((String) res.get("Type")) {
        case "AWS::IAM::Role" -> {
          for (Object pol : p.containsKey("Policies") ? Json.list(p.get("Policies"), id) : List.of()) {
            docs.add(Json.map(pol, id).get("PolicyDocument"));
          }
        }
        case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy" -> docs.add(p.get("PolicyDocument"));
        default -> { }
      }
      for (Object doc : docs) {
        for (Object st : Json.list(Json.map(doc, id).get("Statement"), id)) {
          Map<String, Object> s = Json.map(st, id);
          if (!"Allow".equals(s.get("Effect"))) {
            continue;
          }
          List<String> actions = Json.oneOrMany(s.get("Action")).stream().map(String::valueOf).toList();
          List<String> resources = Json.oneOrMany(s.get("Resource")).stream().map(in::resolve).toList();
          out.add(new Statement(id + "/" + s.getOrDefault("Sid", "?"), actions, resources, s.get("Condition")));
        }
      }
    });
    assertThat(out).hasSizeGreaterThan(10);
    return out;
  }
}
