package dev.loglake.tests.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions offline: parameters take their defaults (or the given
 * overrides), conditions are evaluated from them, and every resource reference becomes a
 * placeholder string of the right shape (a bucket name, a topic ARN, ...).
 */
final class Intrinsics {

  static final String REGION = "eu-west-1";
  static final String ACCOUNT = "123456789012";
  static final String STACK = "loglake-test";
  /** A ${Name} or ${Resource.Attribute} of Fn::Sub (${!Literal} excluded). */
  static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final CfnTemplate template;
  private final Map<String, String> parameterValues;

  Intrinsics(CfnTemplate template, Map<String, String> overrides) {
    this.template = template;
    this.parameterValues = new HashMap<>();
    template.parameters().forEach((name, p) -> {
      Object def = Json.map(p, name).get("Default");
      parameterValues.put(name, overrides.getOrDefault(name, def == null ? "param-" + name : String.valueOf(def)));
    });
  }

  /** The string CloudFormation would produce for {@code value} (placeholders for resources). */
  String resolve(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> m)) {
      return String.valueOf(value);
    }
    Map<String, Object> fn = Json.map(m, "intrinsic");
    if (fn.size() != 1) {
      throw new AssertionError("expected a string or one intrinsic function, got " + fn);
    }
    String key = fn.keySet().iterator().next();
    Object arg = fn.get(key);
    return switch (key) {
      case "Ref" -> ref((String) arg);
      case "Fn::GetAtt" -> getAtt(Json.list(arg, "Fn::GetAtt"));
      case "Fn::Sub" -> sub(arg);
      case "Fn::If" -> {
        List<Object> a = Json.list(arg, "Fn::If");
        yield resolve(condition((String) a.get(0)) ? a.get(1) : a.get(2));
      }
      case "Fn::Join" -> {
        List<Object> a = Json.list(arg, "Fn::Join");
        List<String> parts = new ArrayList<>();
        for (Object o : Json.list(a.get(1), "Fn::Join")) {
          parts.add(resolve(o));
        }
        yield String.join((String) a.get(0), parts);
      }
      default -> throw new AssertionError("cannot resolve " + key + " offline: " + arg);
    };
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

  String ref(String name) {
    switch (name) {
      case "AWS::Region":
        return REGION;
      case "AWS::AccountId":
        return ACCOUNT;
      case "AWS::StackName":
        return STACK;
      case "AWS::Partition":
        return "aws";
      case "AWS::URLSuffix":
        return "amazonaws.com";
      case "AWS::NoValue":
        return null;
      default:
        break;
    }
    if (parameterValues.containsKey(name)) {
      return parameterValues.get(name);
    }
    String type = template.typeOf(name);
    if (type == null) {
      throw new AssertionError("!Ref " + name + ": no such parameter or resource");
    }
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return switch (type) {
      case "AWS::S3::Bucket" -> STACK + "-" + lower;
      case "AWS::SNS::Topic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + STACK + "-" + name;
      case "AWS::SQS::Queue" -> "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + STACK + "-" + name;
      case "AWS::StepFunctions::StateMachine" -> "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + name;
      case "AWS::IAM::ManagedPolicy" -> "arn:aws:iam::" + ACCOUNT + ":policy/" + name;
      default -> STACK + "-" + lower;
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
        case "AWS::S3::Bucket" -> "arn:aws:s3:::" + ref(id);
        case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + STACK + "-" + id;
        case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + REGION + ":" + ACCOUNT + ":log-group:" + ref(id) + ":*";
        default -> "arn:aws:" + type.split("::")[1].toLowerCase(java.util.Locale.ROOT) + ":" + REGION + ":" + ACCOUNT + ":" + id;
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
