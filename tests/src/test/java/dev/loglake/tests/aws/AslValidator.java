package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A state machine definition against the Amazon States Language (https://states-language.net/spec.html,
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-amazon-states-language.html): the
 * vendored asl-validator schemas ({@link AslSchema}), then the rules a schema cannot express, as
 * asl-validator and Step Functions' ValidateStateMachineDefinition check them, in the top level and
 * in every Parallel branch and Map processor: StartAt names a state; every Next, Default,
 * Choices[].Next and Catch[].Next names a state of the same scope; every state is reachable and can
 * reach a terminal state; a non-terminal state has Next or End but not both; state names are unique
 * in the whole machine; States.ALL comes alone and last; no field is given both as {@code x} and
 * {@code x.$}; the "at most one"/"exactly one" field pairs.
 */
final class AslValidator {

  private static final Set<String> NO_NEXT_OR_END = Set.of("Choice", "Succeed", "Fail");
  private static final Set<String> TEMPLATE_FIELDS =
      Set.of("Parameters", "ResultSelector", "ItemSelector", "Arguments", "Output", "Assign");
  private static final Map<String, List<List<String>>> AT_MOST_ONE = Map.of(
      "Task", List.of(List.of("TimeoutSeconds", "TimeoutSecondsPath"), List.of("HeartbeatSeconds", "HeartbeatSecondsPath")),
      "Fail", List.of(List.of("Cause", "CausePath"), List.of("Error", "ErrorPath")),
      "Map", List.of(List.of("ItemSelector", "Parameters"), List.of("MaxConcurrency", "MaxConcurrencyPath"),
          List.of("ToleratedFailureCount", "ToleratedFailureCountPath"),
          List.of("ToleratedFailurePercentage", "ToleratedFailurePercentagePath"), List.of("Items", "ItemsPath")));
  private static final Map<String, List<String>> EXACTLY_ONE = Map.of(
      "Wait", List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
      "Map", List.of("ItemProcessor", "Iterator"));

  private final String file;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  private AslValidator(String file) {
    this.file = file;
  }

  /** Every problem of {@code sm}, each "file: where: what"; empty if the definition is valid. */
  static List<String> problems(StateMachine sm) {
    AslValidator v = new AslValidator(sm.file().getFileName().toString());
    AslSchema.violations(sm.root()).forEach(m -> v.problem("schema", m));
    if (v.problems.isEmpty()) {
      v.checkScope(sm, "$");
    }
    return v.problems;
  }

  private void checkScope(StateMachine scope, String where) {
    Map<String, JsonNode> states = scope.states();
    String start = scope.root().path("StartAt").asText();
    if (!states.containsKey(start)) {
      problem(where + ".StartAt", "'" + start + "' is not a state of " + states.keySet());
      return;
    }
    states.forEach((name, s) -> checkState(scope, where + ".States." + name, name, s));
    Set<String> unreachable = new java.util.TreeSet<>(states.keySet());
    unreachable.removeAll(scope.reachable());
    if (!unreachable.isEmpty()) {
      problem(where, "states not reachable from StartAt " + start + ": " + unreachable);
    }
    Set<String> stuck = scope.statesThatCannotFinish();
    stuck.removeAll(unreachable);
    if (!stuck.isEmpty()) {
      problem(where, "states from which no Succeed, Fail or End state can be reached: " + stuck);
    }
  }

  private void checkState(StateMachine scope, String where, String name, JsonNode s) {
    String type = s.path("Type").asText();
    if (!names.add(name)) {
      problem(where, "state name " + name + " is used twice; names must be unique in the whole state machine");
    }
    for (String target : StateMachine.targets(s)) {
      if (!scope.states().containsKey(target)) {
        problem(where, "transition to '" + target + "', which is not a state of this scope"
            + CfnSpecValidator.suggestion(target, scope.states().keySet()));
      }
    }
    if (!NO_NEXT_OR_END.contains(type) && s.has("Next") == s.path("End").asBoolean(false)) {
      problem(where, type + " state needs exactly one of Next and \"End\": true");
    }
    AT_MOST_ONE.getOrDefault(type, List.of()).forEach(pair -> {
      if (pair.stream().filter(s::has).count() > 1) {
        problem(where, "at most one of " + pair);
      }
    });
    List<String> one = EXACTLY_ONE.get(type);
    if (one != null && one.stream().filter(s::has).count() != 1) {
      problem(where, "exactly one of " + one);
    }
    for (String field : List.of("Retry", "Catch")) {
      checkStatesAll(where + "." + field, s.path(field));
    }
    for (String field : TEMPLATE_FIELDS) {
      checkTemplateFields(where + "." + field, s.path(field));
    }
    s.path("Branches").forEach(b -> checkScope(nested(scope, b), where + ".Branches"));
    for (String processor : List.of("ItemProcessor", "Iterator")) {
      if (s.has(processor)) {
        checkScope(nested(scope, s.get(processor)), where + "." + processor);
      }
    }
  }

  /** States.ALL must be the only name of its ErrorEquals and in the last retrier or catcher. */
  private void checkStatesAll(String where, JsonNode list) {
    for (int i = 0; i < list.size(); i++) {
      JsonNode errors = list.get(i).path("ErrorEquals");
      boolean all = false;
      for (JsonNode e : errors) {
        all |= e.asText().equals("States.ALL");
      }
      if (all && (errors.size() != 1 || i != list.size() - 1)) {
        problem(where + "[" + i + "]", "States.ALL must appear alone and in the last entry");
      }
    }
  }

  /** A payload template must not give a field both as "x" and "x.$" (both end up as "x"). */
  private void checkTemplateFields(String where, JsonNode node) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(f -> {
        if (f.endsWith(".$") && node.has(f.substring(0, f.length() - 2))) {
          problem(where, "field " + f.substring(0, f.length() - 2) + " is given both plain and as " + f);
        }
      });
      node.fields().forEachRemaining(e -> checkTemplateFields(where + "." + e.getKey(), e.getValue()));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkTemplateFields(where + "[" + i + "]", node.get(i));
      }
    }
  }

  private static StateMachine nested(StateMachine parent, JsonNode scope) {
    return new StateMachine(parent.file(), parent.text(), scope);
  }

  private void problem(String where, String what) {
    problems.add(file + ": " + where + ": " + what);
  }
}
