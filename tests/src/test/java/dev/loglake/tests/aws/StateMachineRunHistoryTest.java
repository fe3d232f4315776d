package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loglake.jobs.maintain.MaintainJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the state machines give the run history: every job run gets the execution's id as {@code
 * --loglake.run.execution-id}, and the mode {@code maintain} runs the maintain job alone (the state
 * machine role may start it).
 *
 * <p>{@code $$.Execution.Id} is the execution's ARN, read from the context object in a Parameters
 * template with a {@code .$} key or as an intrinsic function's argument:
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
 */
class StateMachineRunHistoryTest {

  private static final String GLUE = "pipeline.asl.json";
  private static final String EMR = "pipeline-emr-serverless.asl.json";
  private static final String EXECUTION_ARN =
      "arn:aws:states:eu-west-1:123456789012:execution:loglake-pipeline:" + AslWalk.EXECUTION;
  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      GLUE + "|{\"mode\":\"pipeline\"}|RawToProcessed Quality ProcessedToCurated QualityCurated AlbStatus",
      GLUE + "|{\"mode\":\"pipeline\",\"date\":\"2024-03-10\"}|RawToProcessed Quality ProcessedToCurated QualityCurated AlbStatus",
      GLUE + "|{\"mode\":\"ingest\"}|RawToProcessed",
      GLUE + "|{\"mode\":\"maintain\"}|Maintain",
      EMR + "|{\"mode\":\"pipeline\"}|RawToProcessed Quality ProcessedToCurated QualityCurated AlbStatus",
      EMR + "|{\"mode\":\"pipeline\",\"date\":\"2024-03-10\"}|RawToProcessed Quality ProcessedToCurated QualityCurated AlbStatus",
      EMR + "|{\"mode\":\"ingest\"}|RawToProcessed",
      EMR + "|{\"mode\":\"maintain\"}|Maintain"})
  void everyJobRunGetsTheExecutionIdAsItsCorrelationId(String file, String input, String jobStates) {
    StateMachine sm = StateMachine.load(file);
    AslWalk.Walk walk = AslWalk.walk(sm, input, StateMachineDefinitionTest.ok());

    Map<String, String> executionIdOfJob = new LinkedHashMap<>();
    for (String state : walk.states()) {
      if (sm.states().get(state).path("Resource").asText().endsWith(":startJobRun.sync")) {
        List<String> argv = walk.argumentsOf(state);
        int at = argv.indexOf("--loglake.run.execution-id");
        executionIdOfJob.put(state, at < 0 ? "missing" : argv.get(at + 1));
      }
    }

    Map<String, String> expected = new LinkedHashMap<>();
    for (String state : jobStates.split(" ")) {
      expected.put(state, EXECUTION_ARN);
    }
    assertThat(executionIdOfJob).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void maintainModeRunsTheMaintainJobAloneWithAValidConfig(String file) {
    StateMachine sm = StateMachine.load(file);
    AslWalk.Walk walk = AslWalk.walk(sm, "{\"mode\":\"maintain\"}", StateMachineDefinitionTest.ok());

    assertThat(walk.states()).containsExactly("Defaults", "ApplyDefaults", "RouteMode", "Maintain", "MaintainSucceeded");
    JsonNode task = walk.parametersOf("Maintain");
    List<String> argv = new ArrayList<>();
    if (file.equals(GLUE)) {
      assertThat(task.get("JobName").asText()).isEqualTo("${MaintainJobName}");
      argv.addAll(GlueArgumentVectorTest.recordedGlueVector("maintain"));
    } else {
      assertThat(task.get("ExecutionRoleArn").asText()).isEqualTo("${MaintainRoleArn}");
      assertThat(task.get("JobDriver").get("SparkSubmit").get("SparkSubmitParameters").asText())
          .startsWith("--class " + MaintainJob.class.getName() + " ");
    }
    walk.argumentsOf("Maintain").forEach(a -> argv.add(GlueArgumentVectorTest.substitute(a)));

    JobArgVectors.Loaded loaded = JobArgVectors.load(new MaintainJob(), argv);
    assertThat(loaded.etl().config().getString("loglake.run.execution-id")).isEqualTo(EXECUTION_ARN);
    assertThat(loaded.etl().zones().processed()).isEqualTo(file.equals(GLUE) ? "s3://p" : "s3://processed-bucket");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void aFailedMaintainRunIsNotifiedAsAJobFailure(String file) {
    String cause = "{\"Id\":\"jr_m\",\"JobRunState\":\"FAILED\",\"ErrorMessage\":\"loglake maintain exit code 1\"}";
    AslWalk.Walk walk = AslWalk.walk(StateMachine.load(file), "{\"mode\":\"maintain\"}",
        StateMachineDefinitionTest.failing("Maintain", "States.TaskFailed", cause));

    assertThat(walk.states()).containsSubsequence("Maintain", "MaintainFailed", "ClassifyFailure", "NotifyJobFailure",
        "JobFailed");
    assertThat(walk.parametersOf("NotifyJobFailure").get("Message").asText())
        .startsWith("loglake job maintain failed.").contains(EXECUTION_ARN);
  }

  @Test
  void theStateMachineRoleMayStartEveryGlueJobAndPassEveryRoleItsDefinitionsName() {
    assertThat(glueJobsNamed()).isEqualTo(allowed("glue", "StateMachineGluePolicy", "RunGlueJobs"));
    assertThat(rolesNamed()).isEqualTo(allowed("emr-serverless", "StateMachineEmrServerlessPolicy", "PassJobRoles"));
    assertThat(glueJobsNamed()).contains("arn:aws:glue:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":job/"
        + new Intrinsics(MAIN, Map.of()).ref("MaintainGlueJob"));
  }

  /** The job ARNs of the Glue definition's JobName placeholders, through GluePipelineStateMachine's substitutions. */
  private static Set<String> glueJobsNamed() {
    Intrinsics in = new Intrinsics(MAIN, Map.of("Engine", "glue"));
    Map<String, Object> subs = substitutions("GluePipelineStateMachine");
    Set<String> out = new TreeSet<>();
    StateMachine.load(GLUE).states().values().forEach(s -> {
      String name = s.path("Parameters").path("JobName").asText("");
      if (!name.isEmpty()) {
        String job = in.resolve(subs.get(name.substring(2, name.length() - 1)));
        out.add("arn:aws:glue:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":job/" + job);
      }
    });
    return out;
  }

  /** The role ARNs of the EMR Serverless definition's ExecutionRoleArn placeholders. */
  private static Set<String> rolesNamed() {
    Intrinsics in = new Intrinsics(MAIN, Map.of("Engine", "emr-serverless"));
    Map<String, Object> subs = substitutions("EmrServerlessPipelineStateMachine");
    Set<String> out = new TreeSet<>();
    StateMachine.load(EMR).states().values().forEach(s -> {
      String role = s.path("Parameters").path("ExecutionRoleArn").asText("");
      if (!role.isEmpty()) {
        out.add(in.resolve(subs.get(role.substring(2, role.length() - 1))));
      }
    });
    return out;
  }

  private static Map<String, Object> substitutions(String machine) {
    Map<String, Object> props = MAIN.resourcesOfType("AWS::StepFunctions::StateMachine").get(machine);
    return Json.map(props.get("DefinitionSubstitutions"), machine);
  }

  /** The resources of statement {@code sid} of the state machine role's policy {@code policy}. */
  private static Set<String> allowed(String engine, String policy, String sid) {
    Intrinsics in = new Intrinsics(MAIN, Map.of("Engine", engine));
    Map<String, Object> doc = Json.map(MAIN.resourcesOfType("AWS::IAM::Policy").get(policy).get("PolicyDocument"), policy);
    for (Object st : Json.list(doc.get("Statement"), policy)) {
      Map<String, Object> s = Json.map(st, policy);
      if (sid.equals(s.get("Sid"))) {
        Set<String> out = new TreeSet<>();
        Json.oneOrMany(s.get("Resource")).forEach(r -> out.add(in.resolve(r)));
        return out;
      }
    }
    throw new AssertionError(policy + " has no statement " + sid);
  }
}
