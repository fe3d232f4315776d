package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Walks a state machine for one input without AWS: Choice rules are evaluated (StringEquals,
 * StringMatches, IsPresent, And, Or, Not), Task outcomes come from the scenario, and Pass and Catch
 * results are written at their ResultPath. Parameters of Pass states (intrinsic functions) are not
 * evaluated; give the walk an input that already holds what they would produce.
 */
final class AslWalk {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a Task state does in a scenario: succeed with a result, or fail with an error. */
  record Outcome(JsonNode result, String error, String cause) {
    static Outcome ok(String json) {
      try {
        return new Outcome(JSON.readTree(json), null, null);
      } catch (Exception e) {
        throw new IllegalArgumentException(e);
      }
    }

    static Outcome fail(String error, String cause) {
      return new Outcome(null, error, cause);
    }
  }

  private AslWalk() {}

  /** The states visited, in order, ending with the terminal one. */
  static List<String> run(StateMachine sm, String inputJson, Function<String, Outcome> tasks) {
    Map<String, JsonNode> states = sm.states();
    ObjectNode data;
    try {
      data = (ObjectNode) JSON.readTree(inputJson);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    List<String> visited = new ArrayList<>();
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
      current = step(s, data, tasks, current);
    }
    return visited;
  }

  private static String step(JsonNode s, ObjectNode data, Function<String, Outcome> tasks, String name) {
    switch (s.get("Type").asText()) {
      case "Succeed", "Fail":
        return null;
      case "Pass":
        if (s.has("Result")) {
          put(data, s.path("ResultPath").asText("$"), s.get("Result"));
        } else if (s.has("Parameters")) {
          put(data, s.path("ResultPath").asText("$"), parameters(s.get("Parameters"), data));
        }
        return next(s);
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
        Outcome o = tasks.apply(name);
        if (o.error() == null) {
          if (s.has("ResultPath") && !s.get("ResultPath").isNull()) {
            put(data, s.get("ResultPath").asText(), o.result());
          }
          return next(s);
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
      default:
        throw new AssertionError(name + ": type " + s.get("Type") + " is not walked");
    }
  }

  /** Top-level Parameters: paths and States.StringToJson(path) are evaluated, other intrinsics skipped. */
  private static JsonNode parameters(JsonNode params, JsonNode data) {
    ObjectNode out = JSON.createObjectNode();
    params.fields().forEachRemaining(e -> {
      if (!e.getKey().endsWith(".$")) {
        out.set(e.getKey(), e.getValue());
        return;
      }
      String key = e.getKey().substring(0, e.getKey().length() - 2);
      String expr = e.getValue().asText();
      if (expr.startsWith("$") && !expr.startsWith("$$")) {
        out.set(key, at(data, expr));
      } else if (expr.startsWith("States.StringToJson(")) {
        String path = expr.substring("States.StringToJson(".length(), expr.length() - 1);
        try {
          out.set(key, JSON.readTree(at(data, path).asText()));
        } catch (Exception ex) {
          throw new AssertionError("States.StringToJson of non-JSON fails the execution: " + at(data, path));
        }
      }
    });
    return out;
  }

  private static String next(JsonNode s) {
    return s.path("End").asBoolean(false) ? null : s.get("Next").asText();
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
