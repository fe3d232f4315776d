package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loglake.jobs.quality.QualityVerdict;
import dev.loglake.tests.aws.AslWalk.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** scripts/aws/*.asl.json, each loaded on its own: structure, error handling and the gate branch. */
class StateMachineDefinitionTest {

  private static final String GLUE = "pipeline.asl.json";
  private static final String EMR = "pipeline-emr-serverless.asl.json";
  private static final List<String> JOB_STATES =
      List.of("RawToProcessed", "Quality", "ProcessedToCurated", "QualityCurated", "AlbStatus");
  private static final Set<String> KNOWN_RESOURCES =
      Set.of(
          "arn:aws:states:::glue:startJobRun.sync",
          "arn:aws:states:::emr-serverless:startJobRun.sync",
          "arn:aws:states:::sns:publish",
          "arn:aws:states:::aws-sdk:sqs:getQueueAttributes",
          "arn:aws:states:::aws-sdk:sqs:purgeQueue",
          "arn:aws:states:::aws-sdk:s3:getObject");

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void loadsOnItsOwnWithStartAtAndKnownTypes(String file) {
    StateMachine sm = StateMachine.load(file);

    assertThat(sm.states()).containsKey(sm.root().get("StartAt").asText());
    sm.states().forEach((name, s) ->
        assertThat(s.path("Type").asText()).as(name)
            .isIn("Task", "Pass", "Choice", "Succeed", "Fail", "Wait", "Parallel", "Map"));
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void everyNextDefaultAndCatchTargetExists(String file) {
    StateMachine sm = StateMachine.load(file);
    List<String> missing = new ArrayList<>();
    sm.states().forEach((name, s) -> {
      for (String t : StateMachine.targets(s)) {
        if (!sm.states().containsKey(t)) {
          missing.add(name + " -> " + t);
        }
      }
      if (!StateMachine.isTerminal(s) && !s.get("Type").asText().equals("Choice")) {
        assertThat(s.has("Next")).as(name + " has Next or End").isTrue();
      }
    });
    assertThat(missing).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void everyStateIsReachableAndEveryPathEnds(String file) {
    StateMachine sm = StateMachine.load(file);

    assertThat(sm.reachable()).containsExactlyInAnyOrderElementsOf(sm.states().keySet());
    assertThat(sm.statesThatCannotFinish()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void tasksUseKnownIntegrationsAndStatesAllComesAloneAndLast(String file) {
    StateMachine sm = StateMachine.load(file);
    sm.states().forEach((name, s) -> {
      if (!s.get("Type").asText().equals("Task")) {
        return;
      }
      assertThat(s.get("Resource").asText()).as(name).isIn(KNOWN_RESOURCES);
      for (String field : List.of("Retry", "Catch")) {
        JsonNode list = s.path(field);
        for (int i = 0; i < list.size(); i++) {
          List<String> errors = new ArrayList<>();
          list.get(i).get("ErrorEquals").forEach(e -> errors.add(e.asText()));
          if (errors.contains("States.ALL")) {
            assertThat(errors).as(name + "." + field + ": States.ALL alone").hasSize(1);
            assertThat(i).as(name + "." + field + ": States.ALL last").isEqualTo(list.size() - 1);
          }
        }
      }
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void jobTasksRetryOnlyTransientErrorsWithBackoffAndCatchEverything(String file) {
    StateMachine sm = StateMachine.load(file);
    for (String job : JOB_STATES) {
      JsonNode s = sm.states().get(job);
      assertThat(s.get("Resource").asText()).endsWith(".sync");
      assertThat(s.get("Retry")).as(job + " retries").isNotEmpty();
      for (JsonNode r : s.get("Retry")) {
        List<String> errors = new ArrayList<>();
        r.get("ErrorEquals").forEach(e -> errors.add(e.asText()));
        // A failed run (and the quality gate) must not be retried: it would fail the same way.
        assertThat(errors).as(job).doesNotContain("States.ALL", "States.TaskFailed");
        assertThat(r.get("IntervalSeconds").asInt()).as(job).isPositive();
        assertThat(r.get("MaxAttempts").asInt()).as(job).isBetween(1, 10);
        assertThat(r.get("BackoffRate").asDouble()).as(job).isGreaterThan(1.0);
      }
      JsonNode catchers = s.get("Catch");
      JsonNode last = catchers.get(catchers.size() - 1);
      assertThat(last.get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
      assertThat(last.get("ResultPath").asText()).isEqualTo("$.error");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void failureMessagesNameTheExecutionAndTheJobRun(String file) {
    StateMachine sm = StateMachine.load(file);
    for (String notify : List.of("NotifyJobFailure", "NotifyQualityGate", "NotifyFailure")) {
      JsonNode p = sm.states().get(notify).get("Parameters");
      assertThat(p.get("TopicArn").asText()).isEqualTo("${AlertsTopicArn}");
      String message = p.get("Message.$").asText();
      assertThat(message).as(notify).contains("$$.Execution.Id");
      if (notify.equals("NotifyJobFailure")) {
        // Glue: the parsed JobRun's Id; EMR Serverless: the Cause text, which holds the job run id.
        assertThat(message).as(notify).containsAnyOf("$.failure.jobRun.Id", "$.error.Cause");
      } else if (notify.equals("NotifyQualityGate")) {
        // Every job run, the failed quality runs' included (ProcessedGateFailed, CuratedGateFailed).
        assertThat(message).as(notify).contains("States.JsonToString($.runs)");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void pipelineRunsTheJobsInOrderThenNotifies(String file) {
    List<String> path = AslWalk.run(StateMachine.load(file), "{\"mode\":\"pipeline\"}", ok());

    assertThat(path).containsSubsequence("RawToProcessed", "Quality", "ReadProcessedGate", "ProcessedToCurated",
        "QualityCurated", "ReadCuratedGate", "AlbStatus", "NotifySuccess", "Succeeded");
    assertThat(path).contains("DefaultArguments");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void aDateLimitsEveryJobToThatDay(String file) {
    List<String> path =
        AslWalk.run(StateMachine.load(file), "{\"mode\":\"pipeline\",\"date\":\"2024-03-10\"}", ok());

    assertThat(path).contains("ArgumentsForDate").doesNotContain("DefaultArguments");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void ingestModeRunsOnlyRawToProcessed(String file) {
    List<String> path = AslWalk.run(StateMachine.load(file), "{\"mode\":\"ingest\"}", ok());

    assertThat(path).contains("RawToProcessed").doesNotContain("Quality", "NotifySuccess");
    assertThat(path.get(path.size() - 1)).isEqualTo("IngestSucceeded");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void s3TriggerTickWithoutNewFilesRunsNoJob(String file) {
    StateMachine sm = StateMachine.load(file);
    Function<String, Outcome> tasks = name -> name.equals("CountRawEvents")
        ? Outcome.ok("{\"Attributes\":{\"ApproximateNumberOfMessages\":\"0\"}}") : Outcome.ok("{}");

    assertThat(AslWalk.run(sm, "{\"mode\":\"ingest-if-new\"}", tasks))
        .doesNotContain("RawToProcessed").endsWith("NothingNew");
    Function<String, Outcome> pending = name -> name.equals("CountRawEvents")
        ? Outcome.ok("{\"Attributes\":{\"ApproximateNumberOfMessages\":\"17\"}}")
        : Outcome.ok("{\"Id\":\"x\",\"JobRunState\":\"SUCCEEDED\"}");
    assertThat(AslWalk.run(sm, "{\"mode\":\"ingest-if-new\"}", pending))
        .containsSubsequence("ClearRawEvents", "RawToProcessed").endsWith("IngestSucceeded");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void unknownModeFailsFast(String file) {
    assertThat(AslWalk.run(StateMachine.load(file), "{\"mode\":\"pipline\"}", ok()))
        .endsWith("UnknownMode").doesNotContain("RawToProcessed");
  }

  @Test
  void glueCrashOfTheQualityJobIsAJobFailureNotAGateFailure() {
    String cause = "{\"Id\":\"jr_43\",\"JobRunState\":\"FAILED\",\"ErrorMessage\":\"java.lang.OutOfMemoryError\"}";
    List<String> path = AslWalk.run(StateMachine.load(GLUE), pipelineInput(),
        failing("Quality", "States.TaskFailed", cause));

    assertThat(path).containsSubsequence("ParseJobRun", "IsQualityGate", "NotifyJobFailure", "JobFailed");
    assertThat(path).doesNotContain("NotifyQualityGate", "ProcessedToCurated");
  }

  @Test
  void glueGateWordingFromAnotherJobIsAJobFailure() {
    String cause = "{\"Id\":\"jr_44\",\"ErrorMessage\":\"Quality gate failed\"}";
    assertThat(AslWalk.run(StateMachine.load(GLUE), pipelineInput(),
            failing("ProcessedToCurated", "States.TaskFailed", cause)))
        .contains("NotifyJobFailure").doesNotContain("NotifyQualityGate", "AlbStatus");
  }

  @Test
  void glueApiErrorWithoutAJobRunIsNotifiedWithTheRawError() {
    List<String> path = AslWalk.run(StateMachine.load(GLUE), pipelineInput(),
        failing("RawToProcessed", "Glue.EntityNotFoundException", "Job loglake-raw-to-processed not found"));

    assertThat(path).containsSubsequence("RawToProcessedFailed", "ClassifyFailure", "NotifyFailure", "JobFailed");
    assertThat(path).doesNotContain("ParseJobRun", "Quality");
  }

  @Test
  void emrServerlessFailedAlbStatusIsAJobFailure() {
    assertThat(AslWalk.run(StateMachine.load(EMR), pipelineInput(),
            failing("AlbStatus", "States.TaskFailed", "{\"JobRunId\":\"00f2\",\"State\":\"FAILED\"}")))
        .containsSubsequence("AlbStatusFailed", "NotifyJobFailure", "JobFailed");
  }

  private static String pipelineInput() {
    return "{\"mode\":\"pipeline\"}";
  }

  /** Every task succeeds, and both quality runs pass: their gate files say so. */
  static Function<String, Outcome> ok() {
    return name -> switch (name) {
      case "ReadProcessedGate" -> Outcome.body(GateFiles.processed(List.of(), GateFiles.ALL_MODELS, QualityVerdict.RUN));
      case "ReadCuratedGate" -> Outcome.body(GateFiles.curated(List.of()));
      default -> Outcome.ok("{\"Id\":\"jr_" + name + "\",\"JobRunState\":\"SUCCEEDED\"}");
    };
  }

  static Function<String, Outcome> failing(String state, String error, String cause) {
    Map<String, Outcome> failures = Map.of(state, Outcome.fail(error, cause));
    return name -> failures.getOrDefault(name, ok().apply(name));
  }
}
