package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** loglake.yaml updates in place, switches engine, and shares an account and Region with another stack. */
class StackUpdateAndCoexistenceTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  private static final List<String> ZONES = List.of("Processed", "Curated", "Quality");
  private static final Pattern GLUE_CATALOG_ARN = Pattern.compile(":glue:[^:]+:\\d+:(database|table)/([^/,\\s\\]]+)");

  @Test
  void eachEngineNamesItsStateMachineSoSwitchingEngineDoesNotCollide() {
    // Switching Engine replaces one machine by the other; CloudFormation creates the new resource
    // before it deletes the old one, so two machines with one name fail with "already exists".
    Intrinsics glue = new Intrinsics(MAIN, Map.of("Engine", "glue"));
    Intrinsics emr = new Intrinsics(MAIN, Map.of("Engine", "emr-serverless"));
    Map<String, Map<String, Object>> machines = MAIN.resourcesOfType("AWS::StepFunctions::StateMachine");

    String glueName = glue.resolve(machines.get("GluePipelineStateMachine").get("StateMachineName"));
    String emrName = emr.resolve(machines.get("EmrServerlessPipelineStateMachine").get("StateMachineName"));

    assertThat(List.of(glueName, emrName)).containsExactly("loglake-test-pipeline-glue", "loglake-test-pipeline-emr");
    // Alarms, rules, IAM and outputs name the machine by Ref, never by a name written out.
    List<String> spelledOut = new ArrayList<>();
    collectStrings(MAIN.root(), "", spelledOut);
    assertThat(spelledOut).noneMatch(s -> s.contains(":stateMachine:"));
  }

  @Test
  void glueDatabasesDefaultToStackPrefixedNamesAthenaReadsUnquoted() {
    Map<String, String> a = databaseNames(new Intrinsics(MAIN, Map.of(), Intrinsics.REGION, "loglake-test"));
    Map<String, String> b = databaseNames(new Intrinsics(MAIN, Map.of(), Intrinsics.REGION, "loglake-dev-eu"));

    assertThat(a).isEqualTo(Map.of(
        "Processed", "loglake_test_processed", "Curated", "loglake_test_curated", "Quality", "loglake_test_quality"));
    assertThat(b).isEqualTo(Map.of(
        "Processed", "loglake_dev_eu_processed", "Curated", "loglake_dev_eu_curated", "Quality", "loglake_dev_eu_quality"));
    // Athena reads lower case letters, digits and '_' without quoting; a hyphen needs backticks
    // (https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html).
    assertThat(a.values()).allMatch(n -> n.matches("[a-z0-9_]+"));
  }

  @Test
  void explicitDatabaseParametersWin() {
    Intrinsics in = new Intrinsics(MAIN, Map.of("ProcessedDatabase", "processed", "CuratedDatabase", "lake_gold"));

    assertThat(databaseNames(in)).isEqualTo(Map.of(
        "Processed", "processed", "Curated", "lake_gold", "Quality", "loglake_test_quality"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "processed"})
  void everyUseOfADatabaseNameIsTheDatabaseTheStackCreates(String processedParameter) {
    Intrinsics in = new Intrinsics(MAIN, Map.of("ProcessedDatabase", processedParameter, "Engine", "emr-serverless"));
    Map<String, String> names = databaseNames(in);

    // Glue jobs: --loglake.catalog.databases.<zone>
    MAIN.resourcesOfType("AWS::Glue::Job").forEach((id, p) -> {
      Map<String, Object> args = Json.map(p.get("DefaultArguments"), id);
      for (String zone : ZONES) {
        assertThat(in.resolve(args.get("--loglake.catalog.databases." + zone.toLowerCase()))).as(id).isEqualTo(names.get(zone));
      }
    });
    // EMR Serverless state machine: the same arguments through DefinitionSubstitutions.
    Map<String, Object> subs = Json.map(MAIN.resourcesOfType("AWS::StepFunctions::StateMachine")
        .get("EmrServerlessPipelineStateMachine").get("DefinitionSubstitutions"), "DefinitionSubstitutions");
    for (String zone : ZONES) {
      assertThat(in.resolve(subs.get(zone + "Database"))).isEqualTo(names.get(zone));
    }
    // IAM: the catalog ARNs name only the stack's databases (and Spark's default database).
    Set<String> inArns = new TreeSet<>();
    Matcher m = GLUE_CATALOG_ARN.matcher(String.valueOf(in.render(MAIN.resources())));
    while (m.find()) {
      inArns.add(m.group(2));
    }
    Set<String> expected = new TreeSet<>(names.values());
    expected.add("default");
    assertThat(inArns).isEqualTo(expected);
    // Saved Athena queries run in the database whose tables they read, and name it: the curated one
    // (alb_status_*) or, for the raw ALB logs table, the processed one.
    MAIN.resourcesOfType("AWS::Athena::NamedQuery").forEach((id, p) -> {
      String database = in.resolve(p.get("Database"));
      assertThat(database).as(id).isIn(names.get("Curated"), names.get("Processed"));
      assertThat(in.resolve(p.get("QueryString"))).as(id)
          .contains(database + (database.equals(names.get("Curated")) ? ".alb_status_" : ".alb_logs_raw"));
    });
    // Outputs.
    Map<String, Object> outputs = Json.map(MAIN.root().get("Outputs"), "Outputs");
    for (String zone : ZONES) {
      assertThat(in.resolve(Json.map(outputs.get(zone + "Database"), zone).get("Value"))).isEqualTo(names.get(zone));
    }
    // Nothing else reads the parameters: an empty parameter is not a database name.
    List<String> parameterUses = new ArrayList<>();
    collectParameterUses(MAIN.resources(), "Resources", parameterUses);
    collectParameterUses(MAIN.root().get("Outputs"), "Outputs", parameterUses);
    assertThat(parameterUses).containsExactlyInAnyOrder(
        "Resources.ProcessedGlueDatabase.Properties.DatabaseInput.Name.Fn::If[1]: ProcessedDatabase",
        "Resources.CuratedGlueDatabase.Properties.DatabaseInput.Name.Fn::If[1]: CuratedDatabase",
        "Resources.QualityGlueDatabase.Properties.DatabaseInput.Name.Fn::If[1]: QualityDatabase");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false"})
  void healthCheckTriggerAndItsMissingAlarmFollowEnableSchedulesBothWays(String schedules) {
    // A Glue trigger's StartOnCreation acts only when the trigger is created
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-glue-trigger.html),
    // so turning schedules off on an existing stack must remove the trigger, like its alarm.
    Intrinsics in = new Intrinsics(MAIN, Map.of("EnableSchedules", schedules));
    boolean on = schedules.equals("true");

    assertThat(exists(in, "HealthCheckTrigger")).isEqualTo(on);
    assertThat(exists(in, "HealthCheckMissingAlarm")).isEqualTo(on);
    if (on) {
      assertThat(in.resolve(MAIN.resourcesOfType("AWS::Glue::Trigger").get("HealthCheckTrigger").get("StartOnCreation")))
          .isEqualTo("true");
    }
  }

  @Test
  void workerTypesAreThoseOfSparkJobs() {
    // "Accepts a value of G.1X, G.2X, G.4X, G.8X or G.025X for Spark jobs. Accepts the value Z.2X for
    // Ray jobs." (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-job.html, WorkerType);
    // G.025X is for low-volume streaming jobs (https://docs.aws.amazon.com/glue/latest/dg/worker-types.html).
    Set<String> sparkBatch = Set.of("G.1X", "G.2X", "G.4X", "G.8X");
    List<Object> allowed = Json.list(Json.map(MAIN.parameters().get("WorkerType"), "WorkerType").get("AllowedValues"), "AllowedValues");

    assertThat(allowed).isNotEmpty().allMatch(sparkBatch::contains);
  }

  private static Map<String, String> databaseNames(Intrinsics in) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String zone : ZONES) {
      out.put(zone, in.ref(zone + "GlueDatabase"));
    }
    return out;
  }

  private static boolean exists(Intrinsics in, String id) {
    Object condition = Json.map(MAIN.resources().get(id), id).get("Condition");
    return condition == null || in.condition((String) condition);
  }

  /** Every string literal in the template (Sub texts included), with where it is. */
  private static void collectStrings(Object node, String where, List<String> out) {
    if (node instanceof String s) {
      out.add(where + ": " + s);
    } else if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        collectStrings(l.get(i), where + "[" + i + "]", out);
      }
    } else if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> collectStrings(v, where + "." + k, out));
    }
  }

  /** Where a Ref or ${} names one of the database parameters. */
  private static void collectParameterUses(Object node, String where, List<String> out) {
    if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        collectParameterUses(l.get(i), where + "[" + i + "]", out);
      }
    } else if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        for (String zone : ZONES) {
          String parameter = zone + "Database";
          boolean ref = k.equals("Ref") && parameter.equals(v);
          boolean sub = k.equals("Fn::Sub") && String.valueOf(v).contains("${" + parameter + "}");
          if (ref || sub) {
            out.add(where + ": " + parameter);
          }
        }
        collectParameterUses(v, k.equals("Ref") ? where : where + "." + k, out);
      });
    }
  }
}
