package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loglake.jobs.quality.QualityVerdict;
import dev.loglake.tests.aws.AslWalk.Outcome;
import dev.loglake.tests.aws.AslWalk.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gate per dataset in both state machines, walked with the gate files the quality job writes: a
 * failed dataset holds back only the curated models that read it (processed-to-curated's --models)
 * and, for alb_logs, the ALB report; everything else runs, then the execution fails.
 *
 * <p>A Glue or EMR Serverless job run returns no output to the machine, so each quality run writes its
 * verdict to s3://QualityBucket/_gates/(execution name)/ and the machine reads it with the AWS SDK
 * integration s3:getObject (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html),
 * parses the Body (the object's text) with States.StringToJson in the task's ResultSelector (the pattern
 * of https://github.com/localstack/localstack/issues/10787, reported where LocalStack behaved unlike AWS)
 * and builds the next job's arguments with States.Format,
 * States.Array and States.JsonMerge
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
 */
class StateMachineGatingTest {

  private static final String GLUE = "pipeline.asl.json";
  private static final String EMR = "pipeline-emr-serverless.asl.json";
  private static final String DAY = "{\"mode\":\"pipeline\",\"date\":\"2024-03-10\"}";
  private static final String GATES = "s3://${QualityBucket}/_gates/" + AslWalk.EXECUTION + "/";
  private static final List<String> WITHOUT_TRANSACTIONS =
      GateFiles.ALL_MODELS.stream().filter(m -> !GateFiles.TRANSACTIONS_MODELS.contains(m)).toList();

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void aFailedTransactionsRuleStillSendsTheAlbReportAndBuildsOnlyTheOtherModels(String file) {
    Walk walk = processedGateFailed(file, List.of("transactions"), WITHOUT_TRANSACTIONS, QualityVerdict.RUN);

    assertThat(walk.states()).containsSubsequence("Quality", "QualityFailed", "WhichQualityGate", "ProcessedGateFailed",
        "ReadProcessedGate", "ProcessedToCurated", "QualityCurated", "ReadCuratedGate", "AlbGate", "AlbStatus",
        "GateOutcome", "NotifyQualityGate", "QualityGateFailed");
    assertThat(walk.states()).doesNotContain("NotifySuccess", "NotifyJobFailure", "AlbStatusHeldBack");
    List<String> curated = arguments(file, walk, "ProcessedToCurated");
    assertThat(curated).containsSequence("--models", String.join(",", WITHOUT_TRANSACTIONS))
        .containsSequence("--from", "2024-03-10", "--to", "2024-03-10")
        .noneMatch(a -> a.contains("transactions"));
    String message = walk.parametersOf("NotifyQualityGate").get("Message").asText();
    assertThat(message).contains("Datasets that failed: [\"transactions\"]. Curated tables that failed: [].")
        .contains("\"transactions_daily_status\":[\"transactions\"]").contains("ALB report (alb-status): run.")
        .contains("jr_q1").contains("jr_AlbStatus").contains(AslWalk.EXECUTION);
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void eachQualityRunWritesTheGateFileTheMachineReads(String file) {
    Walk walk = walk(file, Map.of());

    assertThat(arguments(file, walk, "Quality")).containsSequence("--zone", "processed", "--gate-file", GATES + "quality.json");
    assertThat(arguments(file, walk, "QualityCurated"))
        .containsSequence("--zone", "curated", "--gate-file", GATES + "quality-curated.json")
        .containsSequence("--from", "2024-03-10", "--to", "2024-03-10");
    assertThat(gateUri(walk, "ReadProcessedGate")).isEqualTo(GATES + "quality.json");
    assertThat(gateUri(walk, "ReadCuratedGate")).isEqualTo(GATES + "quality-curated.json");
    // Every gate passed: every model is built, the report goes out, success is notified.
    assertThat(arguments(file, walk, "ProcessedToCurated")).containsSequence("--models", String.join(",", GateFiles.ALL_MODELS));
    assertThat(walk.states()).containsSubsequence("AlbStatus", "GateOutcome", "NotifySuccess", "Succeeded");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void aFailedAlbLogsRuleHoldsBackOnlyTheReport(String file) {
    List<String> build = GateFiles.ALL_MODELS.stream()
        .filter(m -> !m.startsWith("alb_") && !GateFiles.EVERY_DATASET_MODELS.contains(m)).toList();
    Walk walk = processedGateFailed(file, List.of("alb_logs"), build, QualityVerdict.SKIP);

    assertThat(walk.states()).containsSubsequence("ProcessedToCurated", "QualityCurated", "AlbGate", "AlbStatusHeldBack",
        "GateOutcome", "NotifyQualityGate", "QualityGateFailed").doesNotContain("AlbStatus");
    assertThat(arguments(file, walk, "ProcessedToCurated")).containsSequence("--models", String.join(",", build));
    assertThat(walk.parametersOf("NotifyQualityGate").get("Message").asText())
        .contains("Datasets that failed: [\"alb_logs\"]").contains("ALB report (alb-status): skip.");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void whenEveryModelIsHeldBackNeitherCuratedStepRuns(String file) {
    Walk walk = processedGateFailed(file, GateFiles.DATASETS.subList(1, 3), List.of(), QualityVerdict.RUN);

    // An empty --models would build every model.
    assertThat(walk.states()).containsSubsequence("ReadProcessedGate", "AnyModelsToBuild", "NoModelsToBuild", "AlbGate",
        "AlbStatus", "NotifyQualityGate").doesNotContain("ProcessedToCurated", "QualityCurated");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void aFailedCuratedRuleStillSendsTheReportThenFailsTheExecution(String file) {
    Walk walk = walk(file, Map.of(
        "QualityCurated", gateFailure(file, "jr_q2"),
        "ReadCuratedGate", Outcome.body(GateFiles.curated(List.of("curated.web_kpis_daily")))));

    assertThat(walk.states()).containsSubsequence("QualityCurated", "QualityCuratedFailed", "WhichQualityGate",
        "CuratedGateFailed", "ReadCuratedGate", "AlbStatus", "NotifyQualityGate", "QualityGateFailed");
    assertThat(walk.parametersOf("NotifyQualityGate").get("Message").asText())
        .contains("Datasets that failed: []. Curated tables that failed: [\"curated.web_kpis_daily\"].").contains("jr_q2");
  }

  @ParameterizedTest
  @ValueSource(strings = {GLUE, EMR})
  void anUnreadableGateFileStopsThePipeline(String file) {
    Walk walk = walk(file, Map.of(
        "Quality", gateFailure(file, "jr_q1"),
        "ReadProcessedGate", Outcome.fail("S3.NoSuchKeyException", "The specified key does not exist.")));

    assertThat(walk.states()).containsSubsequence("ReadProcessedGate", "GateFileFailed", "NotifyFailure", "JobFailed")
        .doesNotContain("ProcessedToCurated", "AlbStatus");
  }

  /** The quality run of the processed datasets (jr_q1) fails the gate for {@code failed}. */
  private static Walk processedGateFailed(String file, List<String> failed, List<String> build, String albStatus) {
    return walk(file, Map.of("Quality", gateFailure(file, "jr_q1"),
        "ReadProcessedGate", Outcome.body(GateFiles.processed(failed, build, albStatus))));
  }

  private static Walk walk(String file, Map<String, Outcome> outcomes) {
    Function<String, Outcome> ok = StateMachineDefinitionTest.ok();
    return AslWalk.walk(StateMachine.load(file), DAY, name -> outcomes.getOrDefault(name, ok.apply(name)));
  }

  /** A quality run that exits 3, as each engine reports it (Glue: the JobRun as JSON; EMR: ExitCode 3). */
  private static Outcome gateFailure(String file, String runId) {
    return Outcome.fail("States.TaskFailed", file.equals(GLUE)
        ? "{\"Id\":\"" + runId + "\",\"JobName\":\"loglake-quality\",\"JobRunState\":\"FAILED\","
            + "\"ErrorMessage\":\"Quality gate failed: 1 blocking rule failure(s)\"}"
        : "{\"JobRunId\":\"" + runId + "\",\"State\":\"FAILED\",\"StateDetails\":\"Job failed, please check complete"
            + " logs in configured logging destination. ExitCode: 3.\"}");
  }

  /** The argument vector a job Task passed: Glue's Arguments map, EMR Serverless's EntryPointArguments. */
  private static List<String> arguments(String file, Walk walk, String state) {
    return walk.argumentsOf(state);
  }

  private static String gateUri(Walk walk, String state) {
    JsonNode p = walk.parametersOf(state);
    return "s3://" + p.get("Bucket").asText() + "/" + p.get("Key").asText();
  }
}
