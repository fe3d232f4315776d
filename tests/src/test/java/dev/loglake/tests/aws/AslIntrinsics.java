package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the values of a JSONPath state's {@code "key.$"} fields offline: a path ({@code $.a.b} on
 * the state's input, {@code $$.Execution.Name} on the context object) or an intrinsic function, nested
 * or not, with the behaviour the Step Functions documentation gives them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html): States.Format
 * (each {@code {}} takes the next argument; {@code \{ \} \' \\} escape), States.Array, States.JsonMerge
 * (shallow only: the third argument must be false), States.StringToJson, States.JsonToString and
 * States.ArrayContains. A path that selects nothing fails the execution (States.Runtime), and so it
 * fails here. ${...} placeholders of DefinitionSubstitutions are left as they are.
 */
final class AslIntrinsics {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private final JsonNode data;
  private final JsonNode context;
  private int pos;

  private AslIntrinsics(String text, JsonNode data, JsonNode context) {
    this.text = text;
    this.data = data;
    this.context = context;
  }

  /** The value of {@code expression} on {@code data}, with {@code context} as {@code $$}. */
  static JsonNode evaluate(String expression, JsonNode data, JsonNode context) {
    AslIntrinsics parser = new AslIntrinsics(expression.strip(), data, context);
    JsonNode value = parser.value();
    if (parser.pos != parser.text.length()) {
      throw new AssertionError("unexpected text after position " + parser.pos + " in " + expression);
    }
    return value;
  }

  /** A JSONPath ({@code $}, {@code $.a.b}, {@code $$.Execution.Name}) on {@code data} or {@code context}. */
  static JsonNode path(String path, JsonNode data, JsonNode context) {
    JsonNode n = path.startsWith("$$") ? context : data;
    String rest = path.startsWith("$$") ? path.substring(2) : path.substring(1);
    for (String part : rest.split("\\.")) {
      if (!part.isEmpty()) {
        n = n.path(part);
      }
    }
    if (n.isMissingNode()) {
      throw new AssertionError("path " + path + " selects nothing: the execution fails (States.Runtime)");
    }
    return n;
  }

  private JsonNode value() {
    skipSpaces();
    char c = text.charAt(pos);
    if (c == '\'') {
      return NODES.textNode(unescape(literal()));
    }
    if (c == '$') {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "$._-".indexOf(text.charAt(pos)) >= 0)) {
        pos++;
      }
      return path(text.substring(start, pos), data, context);
    }
    if (text.startsWith("States.", pos)) {
      return call();
    }
    int start = pos;
    while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    try {
      return JSON.readTree(text.substring(start, pos)); // a number, true, false or null
    } catch (Exception e) {
      throw new AssertionError("not an intrinsic argument: " + text.substring(start, pos));
    }
  }

  private JsonNode call() {
    int open = text.indexOf('(', pos);
    String name = text.substring(pos, open);
    pos = open + 1;
    List<JsonNode> args = new ArrayList<>();
    String template = null;
    skipSpaces();
    while (text.charAt(pos) != ')') {
      if (name.equals("States.Format") && args.isEmpty() && template == null) {
        template = literal(); // escapes decide what a placeholder is
      } else {
        args.add(value());
      }
      skipSpaces();
      if (text.charAt(pos) == ',') {
        pos++;
        skipSpaces();
      }
    }
    pos++;
    return apply(name, template, args);
  }

  private static JsonNode apply(String name, String template, List<JsonNode> args) {
    switch (name) {
      case "States.Format":
        return NODES.textNode(format(template, args));
      case "States.Array": {
        ArrayNode out = NODES.arrayNode();
        args.forEach(out::add);
        return out;
      }
      case "States.JsonMerge": {
        if (args.size() != 3 || !args.get(2).isBoolean() || args.get(2).asBoolean()) {
          throw new AssertionError("States.JsonMerge takes two objects and false (deep merging is not supported)");
        }
        ObjectNode out = ((ObjectNode) args.get(0)).deepCopy();
        out.setAll((ObjectNode) args.get(1));
        return out;
      }
      case "States.StringToJson":
        try {
          return JSON.readTree(args.get(0).asText());
        } catch (Exception e) {
          throw new AssertionError("States.StringToJson of non-JSON fails the execution: " + args.get(0));
        }
      case "States.JsonToString":
        return NODES.textNode(args.get(0).toString());
      case "States.ArrayContains": {
        boolean found = false;
        for (JsonNode e : args.get(0)) {
          found |= e.equals(args.get(1));
        }
        return NODES.booleanNode(found);
      }
      default:
        throw new AssertionError("intrinsic " + name + " is not evaluated by the tests");
    }
  }

  /** States.Format: each unescaped {} takes the next argument (a string as is, else its JSON text). */
  private static String format(String template, List<JsonNode> args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '\\') {
        out.append(template.charAt(++i));
      } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
        if (next >= args.size()) {
          throw new AssertionError("States.Format has more {} than arguments: " + template);
        }
        JsonNode a = args.get(next++);
        if (a.isContainerNode()) {
          throw new AssertionError("States.Format takes strings, numbers, booleans or null, not " + a);
        }
        out.append(a.isTextual() ? a.asText() : a.toString());
        i++;
      } else {
        out.append(c);
      }
    }
    if (next != args.size()) {
      throw new AssertionError("States.Format has fewer {} than arguments: " + template);
    }
    return out.toString();
  }

  /** A quoted string literal, escapes kept. */
  private String literal() {
    if (text.charAt(pos) != '\'') {
      throw new AssertionError("expected a string literal at " + pos + " in " + text);
    }
    StringBuilder raw = new StringBuilder();
    pos++;
    while (text.charAt(pos) != '\'') {
      if (text.charAt(pos) == '\\') {
        raw.append(text.charAt(pos++));
      }
      raw.append(text.charAt(pos++));
    }
    pos++;
    return raw.toString();
  }

  private static String unescape(String raw) {
    return raw.replaceAll("\\\\(.)", "$1");
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }
}
