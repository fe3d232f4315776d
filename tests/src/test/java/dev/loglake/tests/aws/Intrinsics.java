package dev.loglake.tests.aws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions offline: parameters take their defaults (or the given
 * overrides), conditions are evaluated from them, and every resource reference becomes a
 * placeholder string of the right shape (a bucket name, a topic ARN, ...). The Region and the stack
 * name are those of a stack deployed in {@link #REGION} as {@link #STACK}, unless given.
 */
final class Intrinsics {

  static final String REGION = "eu-west-1";
  static final String ACCOUNT = "123456789012";
  static final String STACK = "loglake-test";
  /** A ${Name} or ${Resource.Attribute} of Fn::Sub (${!Literal} excluded). */
  static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");
  /** What {@link #value} returns for {@code Ref AWS::NoValue}; dropped from maps and lists. */
  private static final Object NO_VALUE = new Object();

  private final CfnTemplate template;
  private final Map<String, String> parameterValues;
  private final String region;
  private final String stack;

  Intrinsics(CfnTemplate template, Map<String, String> overrides) {
    this(template, overrides, REGION, STACK);
  }

  Intrinsics(CfnTemplate template, Map<String, String> overrides, String region, String stack) {
    this.template = template;
    this.region = region;
    this.stack = stack;
    this.parameterValues = new HashMap<>();
    template.parameters().forEach((name, p) -> {
      Object def = Json.map(p, name).get("Default");
      parameterValues.put(name, overrides.getOrDefault(name, def == null ? "param-" + name : String.valueOf(def)));
    });
  }

  /** The partition of the Region, as AWS::Partition gives it. */
  String partition() {
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    return region.startsWith("cn-") ? "aws-cn" : "aws";
  }

  /** The string CloudFormation would produce for {@code value} (placeholders for resources). */
  String resolve(Object value) {
    Object v = value(value);
    if (v instanceof List<?> || v instanceof Map<?, ?>) {
      throw new AssertionError("expected a string or one intrinsic function, got " + v + " from " + value);
    }
    return v == NO_VALUE ? null : v == null ? null : String.valueOf(v);
  }

  /**
   * {@code node} with every intrinsic function evaluated, as CloudFormation hands it to the
   * resource: strings, lists (from Fn::Split and list parameters) and maps, with AWS::NoValue
   * entries left out.
   */
  Object render(Object node) {
    Object v = value(node);
    return v == NO_VALUE ? null : v;
  }

  private Object value(Object node) {
    if (node instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) {
        Object v = value(o);
        if (v != NO_VALUE) {
          out.add(v);
        }
      }
      return out;
    }
    if (!(node instanceof Map<?, ?> m)) {
      return node == null ? null : String.valueOf(node);
    }
    Map<String, Object> map = Json.map(m, "node");
    if (map.size() == 1 && isIntrinsic(map.keySet().iterator().next())) {
      return function(map.keySet().iterator().next(), map.values().iterator().next());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      Object r = value(v);
      if (r != NO_VALUE) {
        out.put(k, r);
      }
    });
    return out;
  }

  private static boolean isIntrinsic(String key) {
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  private Object function(String key, Object arg) {
    return switch (key) {
      case "Ref" -> arg.equals("AWS::NoValue") ? NO_VALUE : refValue((String) arg);
      case "Fn::GetAtt" -> getAtt(Json.list(arg, "Fn::GetAtt"));
      case "Fn::Sub" -> sub(arg);
      case "Fn::If" -> {
        List<Object> a = Json.list(arg, "Fn::If");
        yield value(condition((String) a.get(0)) ? a.get(1) : a.get(2));
      }
      case "Fn::Join" -> {
        List<Object> a = Json.list(arg, "Fn::Join");
        List<String> parts = new ArrayList<>();
        for (Object o : list(a.get(1), "Fn::Join")) {
          parts.add(String.valueOf(o));
        }
        yield String.join((String) a.get(0), parts);
      }
      case "Fn::Split" -> {
        List<Object> a = Json.list(arg, "Fn::Split");
        yield new ArrayList<Object>(Arrays.asList(resolve(a.get(1)).split(Pattern.quote((String) a.get(0)), -1)));
      }
      case "Fn::FindInMap" -> findInMap(Json.list(arg, "Fn::FindInMap"));
      default -> throw new AssertionError("cannot resolve " + key + " offline: " + arg);
    };
  }

  /** A list argument: a literal list (its items evaluated) or a function that yields one. */
  private List<Object> list(Object node, String where) {
    Object v = value(node);
    if (!(v instanceof List<?> l)) {
      throw new AssertionError(where + ": expected a list, got " + v);
    }
    return new ArrayList<>(l);
  }

  /**
   * Fn::FindInMap, with the AWS::LanguageExtensions DefaultValue when the keys are missing
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap-enhancements.html).
   */
  private Object findInMap(List<Object> a) {
    String map = resolve(a.get(0));
    String top = resolve(a.get(1));
    String second = resolve(a.get(2));
    Map<String, Object> mappings = template.root().containsKey("Mappings")
        ? Json.map(template.root().get("Mappings"), "Mappings") : Map.of();
    if (!mappings.containsKey(map)) {
      throw new AssertionError("Fn::FindInMap: no mapping " + map);
    }
    Object row = Json.map(mappings.get(map), map).get(top);
    Object found = row == null ? null : Json.map(row, map + "." + top).get(second);
    if (found != null) {
      return value(found);
    }
    if (a.size() == 4) {
      return value(Json.map(a.get(3), "Fn::FindInMap DefaultValue").get("DefaultValue"));
    }
    throw new AssertionError("Fn::FindInMap: no " + map + "." + top + "." + second
        + " and no DefaultValue: CloudFormation fails the stack");
  }

  /** The value of a Conditions entry, evaluated from the parameter values. */
  boolean condition(String name) {
    Object c = template.conditions().get(name);
    if (c == null) {
      throw new AssertionError("unknown condition " + name);
    }
    return evaluate(c);
  }

  private boolean evaluate(Object c) {
    Map<String, Object> fn = Json.map(c, "condition");
    String key = fn.keySet().iterator().next();
    Object arg = fn.get(key);
    return switch (key) {
      case "Fn::Equals" -> {
        List<Object> a = Json.list(arg, key);
        yield resolve(a.get(0)).equals(resolve(a.get(1)));
      }
      case "Fn::And" -> Json.list(arg, key).stream().allMatch(this::evaluate);
      case "Fn::Or" -> Json.list(arg, key).stream().anyMatch(this::evaluate);
      case "Fn::Not" -> !evaluate(Json.list(arg, key).get(0));
      case "Condition" -> condition((String) arg);
      default -> throw new AssertionError("not a condition function: " + key);
    };
  }

  /** Ref of a parameter, pseudo parameter or resource, as a string. */
  String ref(String name) {
    return resolve(Map.of("Ref", name));
  }

  private Object refValue(String name) {
    switch (name) {
      case "AWS::Region":
        return region;
      case "AWS::AccountId":
        return ACCOUNT;
      case "AWS::StackName":
        return stack;
      case "AWS::Partition":
        return partition();
      case "AWS::URLSuffix":
        return "amazonaws.com";
      default:
        break;
    }
    if (parameterValues.containsKey(name)) {
      String v = parameterValues.get(name);
      String type = (String) Json.map(template.parameters().get(name), name).get("Type");
      return type.equals("CommaDelimitedList") || type.startsWith("List<")
          ? new ArrayList<Object>(Arrays.asList(v.split(",", -1))) : v;
    }
    String type = template.typeOf(name);
    if (type == null) {
      throw new AssertionError("!Ref " + name + ": no such parameter or resource");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "AWS::S3::Bucket" -> stack + "-" + lower;
      case "AWS::SNS::Topic" -> "arn:" + partition() + ":sns:" + region + ":" + ACCOUNT + ":" + stack + "-" + name;
      case "AWS::SQS::Queue" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/" + stack + "-" + name;
      case "AWS::StepFunctions::StateMachine" -> "arn:" + partition() + ":states:" + region + ":" + ACCOUNT
          + ":stateMachine:" + resolve(template.resourcesOfType(type).get(name).get("StateMachineName"));
      case "AWS::IAM::ManagedPolicy" -> "arn:" + partition() + ":iam::" + ACCOUNT + ":policy/" + name;
      // Ref of a Glue database is its name.
      case "AWS::Glue::Database" -> resolve(Json.map(template.resourcesOfType(type).get(name).get("DatabaseInput"), name).get("Name"));
      default -> stack + "-" + lower;
    };
  }

  private String getAtt(List<Object> a) {
    String id = (String) a.get(0);
    String attr = (String) a.get(1);
    String type = template.typeOf(id);
    if (type == null) {
      throw new AssertionError("!GetAtt " + id + "." + attr + ": no such resource");
    }
    if (attr.equals("Arn")) {
      return switch (type) {
        case "AWS::S3::Bucket" -> "arn:" + partition() + ":s3:::" + ref(id);
        case "AWS::IAM::Role" -> "arn:" + partition() + ":iam::" + ACCOUNT + ":role/" + stack + "-" + id;
        case "AWS::Logs::LogGroup" -> "arn:" + partition() + ":logs:" + region + ":" + ACCOUNT + ":log-group:" + ref(id) + ":*";
        default -> "arn:" + partition() + ":" + type.split("::")[1].toLowerCase(Locale.ROOT) + ":" + region + ":" + ACCOUNT + ":" + id;
      };
    }
    return "getatt-" + id + "-" + attr;
  }

  private String sub(Object arg) {
    String text;
    Map<String, Object> vars = Map.of();
    if (arg instanceof List<?> l) {
      text = (String) l.get(0);
      vars = Json.map(l.get(1), "Fn::Sub variables");
    } else {
      text = (String) arg;
    }
    Matcher m = SUB_VAR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String var = m.group(1);
      String value;
      if (vars.containsKey(var)) {
        value = resolve(vars.get(var));
      } else if (var.contains(".")) {
        value = getAtt(List.of(var.substring(0, var.indexOf('.')), var.substring(var.indexOf('.') + 1)));
      } else {
        value = ref(var);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString().replace("${!", "${");
  }
}
