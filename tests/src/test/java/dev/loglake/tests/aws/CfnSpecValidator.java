package dev.loglake.tests.aws;

import dev.loglake.tests.aws.CfnSpec.Property;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Checks every resource of a template against the pinned CloudFormation resource specification
 * ({@link CfnSpec}), as CloudFormation's own template validation would before creating anything:
 * the resource's attributes (Type, Properties, DependsOn, ...), its type, property names at every
 * level, required properties, the value shapes (object, list, map, number, boolean) and every
 * {@code Fn::GetAtt} / {@code ${Resource.Attribute}} attribute. Values built by intrinsic functions
 * are not type-checked, except that both branches of an {@code Fn::If} are. Nothing here knows the
 * template's resources: it is driven by the specification alone.
 */
final class CfnSpecValidator {

  private static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "DependsOn", "Condition",
      "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy");
  private static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "Snapshot", "RetainExceptOnCreate");
  private static final Set<String> REPLACE_POLICIES = Set.of("Delete", "Retain", "Snapshot");

  private final CfnSpec spec;
  private final CfnTemplate template;
  private final String file;
  private final List<String> problems = new ArrayList<>();

  private CfnSpecValidator(CfnSpec spec, CfnTemplate template) {
    this.spec = spec;
    this.template = template;
    this.file = template.file().getFileName().toString();
  }

  /** Every problem found, each naming the file, the path in the template and the fix; empty if none. */
  static List<String> problems(CfnSpec spec, CfnTemplate template) {
    CfnSpecValidator v = new CfnSpecValidator(spec, template);
    template.resources().forEach(v::checkResource);
    v.checkAttributeReferences(template.resources(), "Resources");
    if (template.root().containsKey("Outputs")) {
      v.checkAttributeReferences(template.root().get("Outputs"), "Outputs");
    }
    return v.problems;
  }

  private void checkResource(String id, Object value) {
    String where = "Resources." + id;
    if (!(value instanceof Map<?, ?>)) {
      problem(where, "a resource must be an object with a Type");
      return;
    }
    Map<String, Object> res = Json.map(value, where);
    res.keySet().stream().filter(k -> !RESOURCE_KEYS.contains(k)).forEach(k ->
        problem(where + "." + k, "not a resource attribute" + suggestion(k, RESOURCE_KEYS) + "; allowed: " + RESOURCE_KEYS));
    checkPolicy(where + ".DeletionPolicy", res.get("DeletionPolicy"), DELETION_POLICIES);
    checkPolicy(where + ".UpdateReplacePolicy", res.get("UpdateReplacePolicy"), REPLACE_POLICIES);
    if (!(res.get("Type") instanceof String type)) {
      problem(where, "has no Type");
      return;
    }
    if (isCustom(type)) {
      return;
    }
    if (!spec.hasResourceType(type)) {
      problem(where + ".Type", type + " is not in the pinned CloudFormation specification (" + spec.source()
          + "); fix the type name, or if it is a real type new to the template add it to EXTRA_TYPES in "
          + "scripts/aws/vendor-validation-specs.sh and run that script");
      return;
    }
    checkObject(where + ".Properties", res.getOrDefault("Properties", Map.of()), spec.resourceProperties(type), type);
  }

  private void checkPolicy(String where, Object value, Set<String> allowed) {
    if (value != null && !isIntrinsic(value) && !allowed.contains(value)) {
      problem(where, "'" + value + "' is not one of " + allowed);
    }
  }

  /** An object of properties (a resource's Properties or a property type's value). */
  private void checkObject(String where, Object value, Map<String, Property> props, String type) {
    if (isIntrinsic(value)) {
      forEachIfBranch(value, branch -> checkObject(where, branch, props, type));
      return;
    }
    if (!(value instanceof Map<?, ?>)) {
      problem(where, "expected an object of properties, got " + describe(value));
      return;
    }
    Map<String, Object> given = Json.map(value, where);
    for (String name : given.keySet()) {
      if (!props.containsKey(name)) {
        problem(where + "." + name, "no such property in " + type + suggestion(name, props.keySet()));
      }
    }
    props.forEach((name, p) -> {
      if (p.required() && !given.containsKey(name)) {
        problem(where, "missing required property " + name + " of " + type);
      }
    });
    given.forEach((name, v) -> {
      if (props.containsKey(name)) {
        checkValue(where + "." + name, v, props.get(name), type);
      }
    });
  }

  private void checkValue(String where, Object v, Property p, String type) {
    if (isIntrinsic(v)) {
      forEachIfBranch(v, branch -> checkValue(where, branch, p, type));
    } else if (p.primitiveType() != null) {
      checkPrimitive(where, v, p.primitiveType());
    } else if ("List".equals(p.type())) {
      if (!(v instanceof List<?> list)) {
        problem(where, "expected a list, got " + describe(v));
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        checkItem(where + "[" + i + "]", list.get(i), p, type);
      }
    } else if ("Map".equals(p.type())) {
      if (!(v instanceof Map<?, ?>)) {
        problem(where, "expected a map, got " + describe(v));
        return;
      }
      Json.map(v, where).forEach((k, item) -> checkItem(where + "." + k, item, p, type));
    } else {
      Map<String, Property> props = spec.propertyType(type, p.type());
      if (props == null) {
        problem(where, "the specification has no property type " + type + "." + p.type()
            + "; re-run scripts/aws/vendor-validation-specs.sh");
        return;
      }
      checkObject(where, v, props, type);
    }
  }

  /** One item of a List or Map property. */
  private void checkItem(String where, Object item, Property p, String type) {
    if (isIntrinsic(item)) {
      forEachIfBranch(item, branch -> checkItem(where, branch, p, type));
    } else if (p.primitiveItemType() != null) {
      checkPrimitive(where, item, p.primitiveItemType());
    } else if (p.itemType() != null) {
      checkValue(where, item, new Property(false, null, p.itemType(), null, null), type);
    }
  }

  private void checkPrimitive(String where, Object v, String primitive) {
    boolean ok = switch (primitive) {
      case "Json" -> true;
      case "Integer", "Long", "Double" -> v instanceof Number || (v instanceof String s && isNumber(s));
      case "Boolean" -> v instanceof Boolean || (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")));
      default -> v instanceof String || v instanceof Number || v instanceof Boolean;
    };
    if (!ok) {
      problem(where, "expected " + primitive + ", got " + describe(v));
    }
  }

  /** Fn::GetAtt [Resource, Attribute] and Fn::Sub ${Resource.Attribute} name an attribute of that type. */
  private void checkAttributeReferences(Object node, String where) {
    if (node instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        checkAttributeReferences(l.get(i), where + "[" + i + "]");
      }
    } else if (node instanceof Map<?, ?> m) {
      Map<String, Object> map = Json.map(m, where);
      if (map.size() == 1 && map.get("Fn::GetAtt") instanceof List<?> a && a.size() == 2
          && a.get(0) instanceof String id && a.get(1) instanceof String attr) {
        checkAttribute(where, id, attr);
      }
      if (map.size() == 1 && map.containsKey("Fn::Sub")) {
        Object arg = map.get("Fn::Sub");
        Object text = arg instanceof List<?> l && !l.isEmpty() ? l.get(0) : arg;
        Set<String> vars = arg instanceof List<?> l && l.size() > 1 ? Json.map(l.get(1), where).keySet() : Set.of();
        Matcher v = Intrinsics.SUB_VAR.matcher(text instanceof String s ? s : "");
        while (v.find()) {
          String var = v.group(1);
          if (var.contains(".") && !vars.contains(var) && !var.startsWith("AWS::")) {
            checkAttribute(where, var.substring(0, var.indexOf('.')), var.substring(var.indexOf('.') + 1));
          }
        }
      }
      map.forEach((k, v) -> checkAttributeReferences(v, where + "." + k));
    }
  }

  private void checkAttribute(String where, String id, String attr) {
    String type = template.typeOf(id);
    // A missing resource is CloudFormationTemplateTest's; a custom or unknown type has no known attributes.
    if (type != null && !isCustom(type) && spec.hasResourceType(type) && !spec.attributes(type).contains(attr)) {
      problem(where, "GetAtt " + id + "." + attr + ": " + type + " has no attribute " + attr
          + suggestion(attr, spec.attributes(type)) + "; it has " + spec.attributes(type));
    }
  }

  private static boolean isCustom(String type) {
    return type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
  }

  static boolean isIntrinsic(Object v) {
    if (!(v instanceof Map<?, ?> m) || m.size() != 1) {
      return false;
    }
    String key = String.valueOf(m.keySet().iterator().next());
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  /** Both value branches of an Fn::If (an AWS::NoValue branch removes the property: nothing to check). */
  private static void forEachIfBranch(Object intrinsic, java.util.function.Consumer<Object> check) {
    Object arg = Json.map(intrinsic, "intrinsic").get("Fn::If");
    if (arg instanceof List<?> a && a.size() == 3) {
      for (Object branch : a.subList(1, 3)) {
        if (!Map.of("Ref", "AWS::NoValue").equals(branch)) {
          check.accept(branch);
        }
      }
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String describe(Object v) {
    if (v == null) {
      return "no value";
    }
    return v instanceof List ? "a list" : v instanceof Map ? "an object" : v.getClass().getSimpleName() + " '" + v + "'";
  }

  /** " (did you mean X?)" for the closest name within 3 edits, else "". */
  static String suggestion(String name, Set<String> candidates) {
    String best = null;
    int bestDistance = 4;
    for (String c : candidates) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private void problem(String where, String what) {
    problems.add(file + ": " + where + ": " + what);
  }
}
