package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Walks a state machine for one input without AWS, as the JSONPath processing of
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html describes
 * it: a Pass state's Result or Parameters, a Task's Parameters (recorded for the test), its outcome
 * from the scenario through ResultSelector, then ResultPath and OutputPath; Choice rules are evaluated
 * (StringEquals, StringMatches, IsPresent, And, Or, Not) and Catch results written at their
 * ResultPath. Paths and intrinsic functions are evaluated by {@link AslIntrinsics}, with the execution
 * named {@link #EXECUTION}.
 */
final class AslWalk {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code $$.Execution.Name} in every walk. */
  static final String EXECUTION = "exec-1";

  /** What a Task state does in a scenario: succeed with a result, or fail with an error. */
  record Outcome(JsonNode result, String error, String cause) {
    static Outcome ok(String json) {
      try {
        return new Outcome(JSON.readTree(json), null, null);
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }

    /** A task result {"Body": text}, as S3 GetObject returns an object's content. */
    static Outcome body(String text) {
      return new Outcome(JSON.createObjectNode().put("Body", text), null, null);
    }

    static Outcome fail(String error, String cause) {
      return new Outcome(null, error, cause);
    }
  }

  /**
   * One walk: the states visited in order (ending with the terminal one), the Parameters each Task
   * was called with (by state, one per visit), and the state's data at the end.
   */
  record Walk(List<String> states, Map<String, List<JsonNode>> parameters, JsonNode data) {
    /** The Parameters of the only visit of Task {@code state}. */
    JsonNode parametersOf(String state) {
      List<JsonNode> calls = parameters.getOrDefault(state, List.of());
      if (calls.size() != 1) {
        throw new AssertionError(state + " was called " + calls.size() + " times in " + states);
      }
      return calls.get(0);
    }

    /** The argument vector job Task {@code state} passed: Glue's Arguments map, EMR Serverless's EntryPointArguments. */
    List<String> argumentsOf(String state) {
      JsonNode p = parametersOf(state);
      List<String> argv = new ArrayList<>();
      if (p.has("Arguments")) {
        p.get("Arguments").fields().forEachRemaining(e -> {
          argv.add(e.getKey());
          argv.add(e.getValue().asText());
        });
      } else {
        p.get("JobDriver").get("SparkSubmit").get("EntryPointArguments").forEach(a -> argv.add(a.asText()));
      }
      return argv;
    }
  }

  private AslWalk() {}

  /** The states visited, in order, ending with the terminal one. */
  static List<String> run(StateMachine sm, String inputJson, Function<String, Outcome> tasks) {
    return walk(sm, inputJson, tasks).states();
  }

  static Walk walk(StateMachine sm, String inputJson, Function<String, Outcome> tasks) {
    Map<String, JsonNode> states = sm.states();
    ObjectNode data;
    try {
      data = (ObjectNode) JSON.readTree(inputJson);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    ObjectNode context = JSON.createObjectNode();
    context.putObject("Execution").put("Name", EXECUTION)
        .put("Id", "arn:aws:states:eu-west-1:123456789012:execution:loglake-pipeline:" + EXECUTION)
        .set("Input", data.deepCopy());
    List<String> visited = new ArrayList<>();
    Map<String, List<JsonNode>> parameters = new LinkedHashMap<>();
    String current = sm.root().get("StartAt").asText();
    while (current != null) {
      if (visited.size() > 100) {
        throw new AssertionError("no end after 100 states: " + visited);
      }
      visited.add(current);
      JsonNode s = states.get(current);
      if (s == null) {
        throw new AssertionError("no state " + current + " after " + visited);
      }
      current = new Step(s, current, data, context, tasks, parameters).next();
    }
    return new Walk(visited, parameters, data);
  }

  /** One state's processing of {@code data} (changed in place). */
  private record Step(JsonNode s, String name, ObjectNode data, JsonNode context, Function<String, Outcome> tasks,
      Map<String, List<JsonNode>> parameters) {

    String next() {
      switch (s.get("Type").asText()) {
        case "Succeed", "Fail":
          return null;
        case "Pass":
          JsonNode result = s.has("Result") ? s.get("Result")
              : s.has("Parameters") ? payload(s.get("Parameters"), data, context) : data.deepCopy();
          output(result);
          return following();
        case "Choice":
          for (JsonNode rule : s.get("Choices")) {
            if (matches(rule, data)) {
              return rule.get("Next").asText();
            }
          }
          if (!s.has("Default")) {
            throw new AssertionError(name + ": no choice matched and no Default (States.NoChoiceMatched)");
          }
          return s.get("Default").asText();
        case "Task":
          return task();
        default:
          throw new AssertionError(name + ": type " + s.get("Type") + " is not walked");
      }
    }

    private String task() {
      if (s.has("Parameters")) {
        parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(payload(s.get("Parameters"), data, context));
      }
      Outcome o = tasks.apply(name);
      if (o.error() == null) {
        output(s.has("ResultSelector") ? payload(s.get("ResultSelector"), o.result(), context) : o.result());
        return following();
      }
      for (JsonNode c : s.path("Catch")) {
        for (JsonNode e : c.get("ErrorEquals")) {
          if (e.asText().equals(o.error()) || e.asText().equals("States.ALL")) {
            ObjectNode err = JSON.createObjectNode().put("Error", o.error()).put("Cause", o.cause());
            put(data, c.path("ResultPath").asText("$"), err);
            return c.get("Next").asText();
          }
        }
      }
      throw new AssertionError(name + ": error " + o.error() + " is not caught");
    }

    /** ResultPath (absent: the result replaces the input; null: the input goes on), then OutputPath. */
    private void output(JsonNode result) {
      if (!s.has("ResultPath") || s.get("ResultPath").asText().equals("$")) {
        if (!result.isObject()) {
          throw new AssertionError(name + ": a result that replaces the state's data must be an object: " + result);
        }
        data.removeAll();
        data.setAll((ObjectNode) result.deepCopy());
      } else if (!s.get("ResultPath").isNull()) {
        put(data, s.get("ResultPath").asText(), result.deepCopy());
      }
      if (s.has("OutputPath")) {
        JsonNode out = AslIntrinsics.path(s.get("OutputPath").asText(), data, context).deepCopy();
        data.removeAll();
        data.setAll((ObjectNode) out);
      }
    }

    private String following() {
      return s.path("End").asBoolean(false) ? null : s.get("Next").asText();
    }
  }

  /** A Parameters or ResultSelector template: "key.$" values evaluated, the others copied, nested too. */
  static JsonNode payload(JsonNode template, JsonNode input, JsonNode context) {
    if (template.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      template.forEach(e -> out.add(payload(e, input, context)));
      return out;
    }
    if (!template.isObject()) {
      return template;
    }
    ObjectNode out = JSON.createObjectNode();
    template.fields().forEachRemaining(e -> {
      if (e.getKey().endsWith(".$")) {
        out.set(e.getKey().substring(0, e.getKey().length() - 2),
            AslIntrinsics.evaluate(e.getValue().asText(), input, context));
      } else {
        out.set(e.getKey(), payload(e.getValue(), input, context));
      }
    });
    return out;
  }

  private static boolean matches(JsonNode rule, JsonNode data) {
    if (rule.has("And")) {
      for (JsonNode r : rule.get("And")) {
        if (!matches(r, data)) {
          return false;
        }
      }
      return true;
    }
    if (rule.has("Or")) {
      for (JsonNode r : rule.get("Or")) {
        if (matches(r, data)) {
          return true;
        }
      }
      return false;
    }
    if (rule.has("Not")) {
      return !matches(rule.get("Not"), data);
    }
    JsonNode value = at(data, rule.get("Variable").asText());
    if (rule.has("IsPresent")) {
      return rule.get("IsPresent").asBoolean() == !value.isMissingNode();
    }
    if (value.isMissingNode()) {
      throw new AssertionError("Choice on missing " + rule.get("Variable") + " fails the execution (States.Runtime)");
    }
    if (rule.has("StringEquals")) {
      return value.isTextual() && value.asText().equals(rule.get("StringEquals").asText());
    }
    if (rule.has("StringMatches")) {
      String glob = rule.get("StringMatches").asText();
      String regex = java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q");
      return value.isTextual() && value.asText().matches("(?s)" + regex);
    }
    throw new AssertionError("operator not walked: " + rule);
  }

  static JsonNode at(JsonNode data, String path) {
    if (!path.startsWith("$")) {
      throw new AssertionError("not a path: " + path);
    }
    JsonNode n = data;
    for (String part : path.substring(1).split("\\.")) {
      if (!part.isEmpty()) {
        n = n.path(part);
      }
    }
    return n;
  }

  private static void put(ObjectNode data, String path, JsonNode value) {
    String[] parts = path.substring(1).split("\\.");
    ObjectNode n = data;
    for (int i = 1; i < parts.length - 1; i++) {
      n = n.has(parts[i]) && n.get(parts[i]).isObject() ? (ObjectNode) n.get(parts[i]) : n.putObject(parts[i]);
    }
    if (parts.length > 1) {
      n.set(parts[parts.length - 1], value);
    }
  }
}
