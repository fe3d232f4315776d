package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An Amazon States Language definition file, loaded on its own (no CloudFormation involved). */
record StateMachine(Path file, String text, JsonNode root) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

  static StateMachine load(String name) {
    Path file = CfnTemplate.AWS_DIR.resolve(name);
    try {
      String text = Files.readString(file);
      return new StateMachine(file, text, new ObjectMapper().readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, JsonNode> states() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    root.get("States").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Every state a state can go to: Next, Default, Choices[].Next, Catch[].Next. */
  static Set<String> targets(JsonNode state) {
    Set<String> out = new LinkedHashSet<>();
    if (state.has("Next")) {
      out.add(state.get("Next").asText());
    }
    if (state.has("Default")) {
      out.add(state.get("Default").asText());
    }
    state.path("Choices").forEach(c -> out.add(c.path("Next").asText()));
    state.path("Catch").forEach(c -> out.add(c.path("Next").asText()));
    return out;
  }

  static boolean isTerminal(JsonNode state) {
    String type = state.path("Type").asText();
    return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
  }

  /** The states reachable from StartAt. */
  Set<String> reachable() {
    Map<String, JsonNode> states = states();
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(root.get("StartAt").asText());
    while (!todo.isEmpty()) {
      String s = todo.pop();
      if (seen.add(s) && states.containsKey(s)) {
        todo.addAll(targets(states.get(s)));
      }
    }
    return seen;
  }

  /** States from which no terminal state can be reached (a dead end or a closed loop). */
  Set<String> statesThatCannotFinish() {
    Map<String, JsonNode> states = states();
    Set<String> canFinish = new LinkedHashSet<>();
    states.forEach((n, s) -> { if (isTerminal(s)) canFinish.add(n); });
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, JsonNode> e : states.entrySet()) {
        if (!canFinish.contains(e.getKey())
            && targets(e.getValue()).stream().anyMatch(canFinish::contains)) {
          canFinish.add(e.getKey());
          grew = true;
        }
      }
    }
    Set<String> stuck = new TreeSet<>(states.keySet());
    stuck.removeAll(canFinish);
    return stuck;
  }

  /** The ${Name} placeholders CloudFormation's DefinitionSubstitutions must fill. */
  Set<String> placeholders() {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
