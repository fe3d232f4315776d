package dev.loglake.tests.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A CloudFormation template read as plain maps and lists. Short-form intrinsics ({@code !Ref x},
 * {@code !Sub s}, {@code !GetAtt A.B}, {@code !If [...]}) become their long form ({@code {Ref: x}},
 * {@code {Fn::Sub: s}}, {@code {Fn::GetAtt: [A, B]}}, {@code {Fn::If: [...]}}), as CloudFormation
 * reads them.
 */
record CfnTemplate(Path file, Map<String, Object> root) {

  static final Path AWS_DIR = repoRoot().resolve("scripts/aws");

  static CfnTemplate load(String name) {
    Path file = AWS_DIR.resolve(name);
    try {
      Object doc = new Yaml(new CfnConstructor()).load(Files.readString(file));
      return new CfnTemplate(file, Json.map(doc, name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path repoRoot() {
    String root = System.getProperty("loglake.repo.root");
    return root == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(root).toAbsolutePath().normalize();
  }

  Map<String, Object> resources() {
    return Json.map(root.get("Resources"), "Resources");
  }

  Map<String, Object> parameters() {
    return root.containsKey("Parameters") ? Json.map(root.get("Parameters"), "Parameters") : Map.of();
  }

  Map<String, Object> conditions() {
    return root.containsKey("Conditions") ? Json.map(root.get("Conditions"), "Conditions") : Map.of();
  }

  /** Logical id → Properties of every resource of {@code type}, in template order. */
  Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    resources().forEach(
        (id, r) -> {
          Map<String, Object> res = Json.map(r, id);
          if (type.equals(res.get("Type"))) {
            out.put(id, Json.map(res.getOrDefault("Properties", Map.of()), id + ".Properties"));
          }
        });
    return out;
  }

  String typeOf(String logicalId) {
    Object r = resources().get(logicalId);
    return r == null ? null : (String) Json.map(r, logicalId).get("Type");
  }

  /** Keeps CloudFormation's short-form tags as their long-form maps. */
  private static final class CfnConstructor extends SafeConstructor {
    private static final List<String> FN =
        List.of(
            "Sub", "GetAtt", "If", "Equals", "And", "Or", "Not", "Join", "Select", "Split",
            "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "ToJsonString",
            "Length");

    CfnConstructor() {
      super(new LoaderOptions());
      yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
      yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
      for (String fn : FN) {
        yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
      }
    }

    private final class Intrinsic extends AbstractConstruct {
      private final String key;

      Intrinsic(String key) {
        this.key = key;
      }

      @Override
      public Object construct(Node node) {
        Object value;
        if (node instanceof ScalarNode s) {
          String text = constructScalar(s);
          // !GetAtt Resource.Attribute is the short form of Fn::GetAtt: [Resource, Attribute].
          value =
              key.equals("Fn::GetAtt") && text.contains(".")
                  ? List.of(text.substring(0, text.indexOf('.')), text.substring(text.indexOf('.') + 1))
                  : text;
        } else if (node instanceof SequenceNode s) {
          value = constructSequence(s);
        } else {
          value = constructMapping((MappingNode) node);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
      }
    }
  }
}
