package dev.loglake.tests.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pinned CloudFormation resource specification of the test resources ({@code
 * aws-spec/cfn-resource-spec.json}, trimmed by scripts/aws/vendor-validation-specs.sh; its README
 * names the source and version). Same layout as AWS's resource specification: resource types with
 * their properties and attributes, and property types named {@code <ResourceType>.<Name>}.
 */
final class CfnSpec {

  static final String RESOURCE = "aws-spec/cfn-resource-spec.json";

  /** One property: a primitive, a List or Map (of a primitive or a property type), or a property type. */
  record Property(boolean required, String primitiveType, String type, String itemType, String primitiveItemType) {
    static Property of(JsonNode p) {
      return new Property(p.path("Required").asBoolean(false), text(p, "PrimitiveType"), text(p, "Type"),
          text(p, "ItemType"), text(p, "PrimitiveItemType"));
    }

    private static String text(JsonNode p, String field) {
      return p.hasNonNull(field) ? p.get(field).asText() : null;
    }
  }

  private final JsonNode root;

  private CfnSpec(JsonNode root) {
    this.root = root;
  }

  static CfnSpec load() {
    try (InputStream in = CfnSpec.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the test classpath; run "
            + "scripts/aws/vendor-validation-specs.sh");
      }
      return new CfnSpec(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the copy came from (its {@code $comment}), for messages. */
  String source() {
    return root.path("$comment").asText(RESOURCE);
  }

  boolean hasResourceType(String type) {
    return root.path("ResourceTypes").has(type);
  }

  Set<String> resourceTypes() {
    Set<String> out = new TreeSet<>();
    root.path("ResourceTypes").fieldNames().forEachRemaining(out::add);
    return out;
  }

  Map<String, Property> resourceProperties(String type) {
    return properties(root.path("ResourceTypes").path(type).path("Properties"));
  }

  Set<String> attributes(String type) {
    Set<String> out = new TreeSet<>();
    root.path("ResourceTypes").path(type).path("Attributes").fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * The properties of property type {@code name} as used by {@code resourceType}: its own {@code
   * <ResourceType>.<name>} first, then a shared one such as {@code Tag}; null if neither exists.
   */
  Map<String, Property> propertyType(String resourceType, String name) {
    JsonNode types = root.path("PropertyTypes");
    JsonNode t = types.has(resourceType + "." + name) ? types.get(resourceType + "." + name) : types.get(name);
    return t == null ? null : properties(t.path("Properties"));
  }

  private static Map<String, Property> properties(JsonNode props) {
    Map<String, Property> out = new LinkedHashMap<>();
    props.fields().forEachRemaining(e -> out.put(e.getKey(), Property.of(e.getValue())));
    return out;
  }
}
