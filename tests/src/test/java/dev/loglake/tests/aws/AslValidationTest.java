package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/aws/*.asl.json against the Amazon States Language (schemas of asl-validator + the rules
 * they cannot express), and the validator against broken copies of the real definitions, built in
 * memory. Victims are picked by state type, not by name.
 */
class AslValidationTest {

  private static final String GLUE = "pipeline.asl.json";

  @ParameterizedTest
  @ValueSource(strings = {"pipeline.asl.json", "pipeline-emr-serverless.asl.json"})
  void definitionIsValidAmazonStatesLanguage(String file) {
    assertThat(AslValidator.problems(StateMachine.load(file))).isEmpty();
  }

  @Test
  void nextToAMissingStateIsReported() {
    StateMachine sm = broken();
    Map.Entry<String, JsonNode> victim = first(sm, s -> s.has("Next"));
    String next = victim.getValue().get("Next").asText();
    ((ObjectNode) victim.getValue()).put("Next", next + "x");

    assertThat(AslValidator.problems(sm)).contains(GLUE + ": $.States." + victim.getKey()
        + ": transition to '" + next + "x', which is not a state of this scope (did you mean " + next + "?)");
  }

  @Test
  void startAtAMissingStateIsReported() {
    StateMachine sm = broken();
    ((ObjectNode) sm.root()).put("StartAt", "Begin");

    assertThat(AslValidator.problems(sm)).singleElement().asString()
        .startsWith(GLUE + ": $.StartAt: 'Begin' is not a state of [");
  }

  @Test
  void unreachableStateAndLoopWithoutEndAreReported() {
    StateMachine sm = broken();
    states(sm).putObject("Orphan").put("Type", "Succeed");
    Map.Entry<String, JsonNode> pass = first(sm, s -> s.path("Type").asText().equals("Pass") && s.has("Next"));
    ((ObjectNode) pass.getValue()).put("Next", pass.getKey());

    assertThat(AslValidator.problems(sm))
        .anySatisfy(p -> assertThat(p).startsWith(GLUE + ": $: states not reachable from StartAt").contains("Orphan"))
        .anySatisfy(p -> assertThat(p)
            .startsWith(GLUE + ": $: states from which no Succeed, Fail or End state can be reached: [")
            .contains(pass.getKey()));
  }

  @Test
  void nextAndEndTogetherIsReported() {
    StateMachine sm = broken();
    Map.Entry<String, JsonNode> task = first(sm, s -> s.path("Type").asText().equals("Task") && s.has("Next"));
    ((ObjectNode) task.getValue()).put("End", true);

    assertThat(AslValidator.problems(sm))
        .contains(GLUE + ": $.States." + task.getKey() + ": Task state needs exactly one of Next and \"End\": true");
  }

  @Test
  void schemaRejectsAMisspeltFieldAMissingResourceABadPathAnUnknownTypeAndAnUnknownIntrinsic() {
    StateMachine sm = broken();
    Map.Entry<String, JsonNode> task = first(sm, s -> s.path("Type").asText().equals("Task"));
    ((ObjectNode) task.getValue()).put("ResultPth", "$.result");
    ((ObjectNode) task.getValue()).remove("Resource");
    Map.Entry<String, JsonNode> pass = first(sm, s -> s.path("Type").asText().equals("Pass") && s.has("ResultPath"));
    ((ObjectNode) pass.getValue()).put("ResultPath", "result");
    Map.Entry<String, JsonNode> other = first(sm, s -> s.path("Type").asText().equals("Succeed"));
    ((ObjectNode) other.getValue()).put("Type", "Success");

    assertThat(AslValidator.problems(sm)).containsExactlyInAnyOrder(
        GLUE + ": schema: $.States." + task.getKey() + ".Resource: is missing but it is required",
        GLUE + ": schema: $.States." + task.getKey() + ".ResultPth: is not defined in the schema and the schema does not allow additional properties",
        GLUE + ": schema: $.States." + pass.getKey() + ".ResultPath: does not match the asl_result_path pattern a result path ($...)",
        GLUE + ": schema: $.States." + other.getKey() + ".Type: 'Success' is not a state type [Choice, Fail, Map, Parallel, Pass, Succeed, Task, Wait]");

    StateMachine intrinsic = broken();
    ObjectNode params = (ObjectNode) first(intrinsic, s -> s.path("Parameters").has("Message.$")).getValue().get("Parameters");
    params.put("Message.$", params.get("Message.$").asText().replace("States.Format(", "States.Fromat("));
    assertThat(AslValidator.problems(intrinsic)).anySatisfy(p -> assertThat(p)
        .contains("Message.$").contains("a path or an intrinsic function"));
  }

  @Test
  void statesAllNotLastAndAFieldGivenTwiceAreReported() {
    StateMachine sm = broken();
    Map.Entry<String, JsonNode> caught = first(sm, s -> s.path("Catch").toString().contains("States.ALL"));
    ArrayNode catchers = (ArrayNode) caught.getValue().get("Catch");
    ObjectNode extra = catchers.addObject();
    extra.putArray("ErrorEquals").add("States.Timeout");
    extra.put("Next", catchers.get(0).get("Next").asText());
    Map.Entry<String, JsonNode> templated = first(sm, s -> s.path("Parameters").has("Message.$"));
    ((ObjectNode) templated.getValue().get("Parameters")).put("Message", "plain");

    assertThat(AslValidator.problems(sm)).contains(
        GLUE + ": $.States." + caught.getKey() + ".Catch[" + (catchers.size() - 2)
            + "]: States.ALL must appear alone and in the last entry",
        GLUE + ": $.States." + templated.getKey() + ".Parameters: field Message is given both plain and as Message.$");
  }

  /** A fresh copy of the Glue definition, to break. */
  private static StateMachine broken() {
    StateMachine sm = StateMachine.load(GLUE);
    return new StateMachine(sm.file(), sm.text(), sm.root().deepCopy());
  }

  private static ObjectNode states(StateMachine sm) {
    return (ObjectNode) sm.root().get("States");
  }

  private static Map.Entry<String, JsonNode> first(StateMachine sm, Predicate<JsonNode> wanted) {
    return sm.states().entrySet().stream().filter(e -> wanted.test(e.getValue())).findFirst()
        .orElseThrow(() -> new AssertionError("no state fits in " + sm.file()));
  }
}
