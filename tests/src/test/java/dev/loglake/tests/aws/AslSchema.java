package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Format;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The JSON schemas of the npm package asl-validator (vendored in {@code aws-spec/asl/}, version in
 * its README), applied with networknt's json-schema-validator as asl-validator applies them with
 * Ajv: every state gets the QueryLanguage it inherits (default JSONPath), and its custom formats are
 * registered. asl-validator checks paths with its asl-path-validator grammar; here they get a
 * lighter check (a path starts with {@code $}, a payload value is a path or a known intrinsic
 * function with balanced parentheses).
 */
final class AslSchema {

  private static final String BASE = "http://asl-validator.cloud/";
  private static final String DIR = "aws-spec/asl/";
  private static final String DRAFT7 = "http://json-schema.org/draft-07/schema";
  // asl-validator src/checks/formats.ts
  private static final Pattern ARN = Pattern.compile(
      "^arn:(aws|aws-cn|aws-us-gov):([^:\\n]+):([^:\\n]*):(\\d*):(([^:/*]+([:/].*[^:/]+)?))$",
      Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  // https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
  private static final Set<String> INTRINSICS = Set.of("Format", "StringToJson", "JsonToString", "Array",
      "ArrayPartition", "ArrayContains", "ArrayRange", "ArrayGetItem", "ArrayLength", "ArrayUnique",
      "Base64Encode", "Base64Decode", "Hash", "JsonMerge", "MathRandom", "MathAdd", "StringSplit", "UUID");
  private static final Set<String> TYPES =
      new TreeSet<>(List.of("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"));

  private static final JsonSchemaFactory FACTORY = factory();
  private static final JsonSchema MACHINE = FACTORY.getSchema(URI.create(BASE + "state-machine.json"));
  private static final Map<String, JsonSchema> VARIANTS = new ConcurrentHashMap<>();

  private AslSchema() {}

  /**
   * "path: message" for every schema violation of the definition; empty if it conforms. The
   * machine's own fields are checked against state-machine.json with its states left out, and each
   * state against its Type's schema in its query language alone (state.json's oneOf over all types
   * and both languages would also report every alternative the state was never meant to be).
   */
  static List<String> violations(JsonNode definition) {
    String language = definition.path("QueryLanguage").asText("JSONPath");
    ObjectNode machine = definition.deepCopy();
    machine.putObject("States");
    Set<String> out = new TreeSet<>();
    MACHINE.validate(machine).forEach(m -> out.add(m.getMessage()));
    forEachState(definition.path("States"), "$.States.", language, (where, state) -> out.addAll(stateViolations(where, state)));
    return new ArrayList<>(out);
  }

  private static List<String> stateViolations(String where, ObjectNode state) {
    String type = state.path("Type").asText();
    if (!TYPES.contains(type)) {
      return List.of(where + ".Type: '" + type + "' is not a state type " + TYPES);
    }
    ObjectNode alone = state.deepCopy();
    // Nested states (Parallel branches, Map processors) are checked on their own.
    alone.path("Branches").forEach(b -> {
      if (b.isObject()) {
        ((ObjectNode) b).putObject("States");
      }
    });
    for (String processor : List.of("ItemProcessor", "Iterator")) {
      if (alone.path(processor).isObject()) {
        ((ObjectNode) alone.get(processor)).putObject("States");
      }
    }
    List<String> out = new ArrayList<>();
    for (ValidationMessage m : variant(type, alone.get("QueryLanguage").asText()).validate(alone)) {
      out.add(m.getMessage().startsWith("$") ? where + m.getMessage().substring(1) : where + ": " + m.getMessage());
    }
    return out;
  }

  /** Each state with the QueryLanguage it inherits (as asl-validator sets it), nested scopes included. */
  private static void forEachState(JsonNode states, String prefix, String language, BiConsumer<String, ObjectNode> check) {
    states.fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        return;
      }
      ObjectNode state = ((ObjectNode) e.getValue()).deepCopy();
      if (!state.has("QueryLanguage")) {
        state.put("QueryLanguage", language);
      }
      String where = prefix + e.getKey();
      check.accept(where, state);
      String inner = state.get("QueryLanguage").asText();
      JsonNode branches = state.path("Branches");
      for (int i = 0; i < branches.size(); i++) {
        forEachState(branches.get(i).path("States"), where + ".Branches[" + i + "].States.", inner, check);
      }
      for (String processor : List.of("ItemProcessor", "Iterator")) {
        forEachState(state.path(processor).path("States"), where + "." + processor + ".States.", inner, check);
      }
    });
  }

  /** The branch of {@code <type>.json}'s oneOf for one query language, as a schema of its own. */
  private static JsonSchema variant(String type, String language) {
    return VARIANTS.computeIfAbsent(type + "/" + language, k -> {
      String name = type.toLowerCase(Locale.ROOT);
      JsonNode file = readVendored(name + ".json");
      String languageRef = language.equals("JSONata") ? "jsonata.json#" : "paths.json#";
      for (JsonNode v : file.path("oneOf")) {
        if (v.path("properties").path("QueryLanguage").path("$ref").asText().startsWith(languageRef)) {
          ObjectNode doc = v.deepCopy();
          doc.put("$id", BASE + name + "-" + language + ".json#");
          doc.put("$schema", DRAFT7 + "#");
          doc.set("definitions", file.path("definitions"));
          return FACTORY.getSchema(doc);
        }
      }
      // Not a known language: let the schema say what QueryLanguage may be.
      return FACTORY.getSchema(URI.create(BASE + name + ".json"));
    });
  }

  private static JsonSchemaFactory factory() {
    JsonMetaSchema draft7 = JsonMetaSchema.builder(DRAFT7, JsonMetaSchema.getV7())
        .addFormat(format("asl_arn", s -> ARN.matcher(s).matches(), "an ARN"))
        .addFormat(format("asl_path", AslSchema::isPath, "a path ($...)"))
        .addFormat(format("asl_ref_path", AslSchema::isPath, "a reference path ($...)"))
        .addFormat(format("asl_result_path", s -> isPath(s) && !s.startsWith("$$"), "a result path ($...)"))
        .addFormat(format("asl_payload_template", AslSchema::isPayloadValue, "a path or an intrinsic function"))
        .addFormat(format("jsonata_string", s -> true, "a JSONata expression"))
        .build();
    return JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7))
        .addMetaSchema(draft7)
        .defaultMetaSchemaURI(DRAFT7)
        // The schemas $ref each other by their $id under BASE: serve those from the test classpath, never the network.
        .uriFetcher(AslSchema::fetch, "http", "https")
        .build();
  }

  private static InputStream fetch(URI uri) throws FileNotFoundException {
    String name = uri.toString().replaceFirst("#.*$", "");
    InputStream in = name.startsWith(BASE)
        ? AslSchema.class.getClassLoader().getResourceAsStream(DIR + name.substring(BASE.length()))
        : null;
    if (in == null) {
      throw new FileNotFoundException(uri + " is not a vendored asl-validator schema (" + DIR + ")");
    }
    return in;
  }

  private static JsonNode readVendored(String name) {
    try (InputStream in = fetch(URI.create(BASE + name))) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isPath(String s) {
    return s.startsWith("$");
  }

  /** A Parameters/ResultSelector value of a field ending in ".$": a path or States.Name(...). */
  static boolean isPayloadValue(String s) {
    if (isPath(s)) {
      return true;
    }
    int open = s.indexOf('(');
    return s.startsWith("States.") && open > 0 && s.endsWith(")")
        && INTRINSICS.contains(s.substring("States.".length(), open)) && balanced(s.substring(open));
  }

  /** Parentheses balance outside single-quoted strings (with \' escapes), and close only at the end. */
  private static boolean balanced(String args) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < args.length(); i++) {
      char c = args.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0 && i != args.length() - 1) {
        return false;
      }
    }
    return depth == 0 && !quoted;
  }

  private static Format format(String name, Predicate<String> test, String description) {
    return new Format() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public boolean matches(String value) {
        return test.test(value);
      }

      @Override
      public String getErrorMessageDescription() {
        return description;
      }
    };
  }
}
