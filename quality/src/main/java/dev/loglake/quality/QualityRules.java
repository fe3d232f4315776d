package dev.loglake.quality;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.quality.QualityRule.Kind;
import dev.loglake.quality.QualityRule.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses quality rules from config. Each element of a {@code quality = [...]} list is either a rule
 * string (level error, weight 1) or an object {@code { check = "<rule>", level = warning, weight = 2
 * }}. Rule strings:
 *
 * <pre>
 * complete(col)                       completeness(col) >= 0.95
 * unique(col[, col...])               contained-in(col, [a, b, c])
 * between(col, min, max)              non-negative(col)
 * matches(col, 'regex')               custom-sql(predicate) fraction >= 0.99
 * row-count between 100 and 1000000   row-count >= 1
 * freshness(col) &lt; 6h
 * row-count-change between 0.5 and 2  null-rate-change(col) &lt;= 0.1   mean-shift(col) &lt;= 3
 * quarantine-share &lt;= 0.001           (replaces the job's built-in quarantine rule for this dataset)
 * </pre>
 *
 * Row-level rules (all but row-count, freshness and the anomaly checks) take an optional {@code >= x}
 * suffix: the share of rows that must comply (default 1). A regex must match the whole value; null
 * values are not checked by contained-in, between, non-negative and matches (use complete for that).
 */
public final class QualityRules {

  private static final String NUM = "(-?[0-9]+(?:\\.[0-9]+)?(?:[eE]-?[0-9]+)?)";
  private static final String AT_LEAST = "(?:\\s*>=\\s*" + NUM + ")?";
  private static final Pattern CALL =
      Pattern.compile("([a-z-]+)\\s*\\((.*)\\)" + AT_LEAST, Pattern.CASE_INSENSITIVE);
  private static final Pattern ROW_COUNT_BETWEEN =
      Pattern.compile("row-count\\s+between\\s+" + NUM + "\\s+and\\s+" + NUM, Pattern.CASE_INSENSITIVE);
  private static final Pattern ROW_COUNT_AT_LEAST =
      Pattern.compile("row-count\\s*>=\\s*" + NUM, Pattern.CASE_INSENSITIVE);
  private static final Pattern CHANGE_BETWEEN = Pattern.compile(
      "row-count-change\\s+between\\s+" + NUM + "\\s+and\\s+" + NUM, Pattern.CASE_INSENSITIVE);
  private static final Pattern CUSTOM_SQL =
      Pattern.compile("custom-sql\\s*\\((.*)\\)\\s*(?:fraction\\s*>=\\s*" + NUM + ")?", Pattern.CASE_INSENSITIVE);
  private static final Pattern AT_MOST =
      Pattern.compile("([a-z-]+)\\s*\\(([^)]*)\\)\\s*(<=|<)\\s*(\\S+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUARANTINE_SHARE =
      Pattern.compile("quarantine-share\\s*<=\\s*" + NUM, Pattern.CASE_INSENSITIVE);
  private static final Set<String> OBJECT_KEYS = Set.of("check", "level", "weight");

  private QualityRules() {}

  /** The rules of {@code list}; {@code where} is the list's config key, for error messages. */
  public static List<QualityRule> parse(ConfigList list, String where) {
    List<QualityRule> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(parse(list.get(i), where + "[" + i + "]"));
    }
    return out;
  }

  static QualityRule parse(ConfigValue v, String where) {
    if (v.valueType() == ConfigValueType.STRING) {
      return parse((String) v.unwrapped(), Level.ERROR, 1.0, where);
    }
    if (!(v instanceof ConfigObject obj)) {
      throw EtlErrors.badValue(where, v.unwrapped(), "a rule string or { check = \"...\", level, weight }");
    }
    for (String key : obj.keySet()) {
      if (!OBJECT_KEYS.contains(key)) {
        throw EtlErrors.badValue(where + "." + key, obj.get(key).unwrapped(), "no such key; a rule object has check, level, weight");
      }
    }
    Config c = obj.toConfig();
    String check = Configs.requireString(c, "check", "Each quality rule object in " + where + " needs check = \"<rule>\".");
    String level = c.hasPath("level") ? c.getString("level") : "error";
    double weight = c.hasPath("weight") ? Configs.doubleValue(c, "weight") : 1.0;
    if (!(weight > 0)) {
      throw EtlErrors.badValue(where + ".weight", weight, "a weight > 0");
    }
    return parse(check, level(level, where + ".level"), weight, where);
  }

  /** Parses one rule string. */
  public static QualityRule parse(String rule, Level level, double weight, String where) {
    String text = rule.strip().replaceAll("\\s+", " ");
    Matcher m;
    if ((m = ROW_COUNT_BETWEEN.matcher(text)).matches()) {
      return bounded(text, Kind.ROW_COUNT, List.of(), num(m, 1), num(m, 2), level, weight);
    }
    if ((m = ROW_COUNT_AT_LEAST.matcher(text)).matches()) {
      return bounded(text, Kind.ROW_COUNT, List.of(), num(m, 1), null, level, weight);
    }
    if ((m = QUARANTINE_SHARE.matcher(text)).matches()) {
      QualityRule builtIn = QualityRule.quarantineShare(fraction(m.group(1), text, where), level, weight);
      return new QualityRule(text, builtIn.kind(), List.of(), List.of(), null, builtIn.upper(), null,
          builtIn.threshold(), level, weight);
    }
    if ((m = CHANGE_BETWEEN.matcher(text)).matches()) {
      return bounded(text, Kind.ROW_COUNT_CHANGE, List.of(), num(m, 1), num(m, 2), level, weight);
    }
    if ((m = CUSTOM_SQL.matcher(text)).matches()) {
      double at = m.group(2) == null ? 1.0 : fraction(m.group(2), text, where);
      return new QualityRule(text, Kind.CUSTOM_SQL, List.of(), List.of(), null, null, m.group(1).strip(), at, level, weight);
    }
    if ((m = AT_MOST.matcher(text)).matches()) {
      return atMost(text, m, level, weight, where);
    }
    if ((m = CALL.matcher(text)).matches()) {
      return call(text, m, level, weight, where);
    }
    throw bad(where, text);
  }

  private static QualityRule call(String text, Matcher m, Level level, double weight, String where) {
    String kind = m.group(1).toLowerCase(Locale.ROOT);
    List<String> args = args(m.group(2));
    double at = m.group(3) == null ? 1.0 : fraction(m.group(3), text, where);
    if (args.isEmpty() || args.get(0).isEmpty()) {
      throw bad(where, text);
    }
    String col = args.get(0);
    return switch (kind) {
      case "complete" -> rowRule(text, Kind.COMPLETENESS, List.of(col), List.of(), null, null, null, 1.0, level, weight);
      case "completeness" -> {
        if (m.group(3) == null) {
          throw EtlErrors.badValue(where, text, "completeness(col) >= x, with x between 0 and 1 (or complete(col))");
        }
        yield rowRule(text, Kind.COMPLETENESS, List.of(col), List.of(), null, null, null, at, level, weight);
      }
      case "unique" -> rowRule(text, Kind.UNIQUE, args, List.of(), null, null, null, at, level, weight);
      case "contained-in" -> {
        List<String> values = args.subList(1, args.size()).stream().map(QualityRules::unquote).toList();
        if (values.isEmpty()) {
          throw EtlErrors.badValue(where, text, "contained-in(col, [a, b, ...]) with at least one value");
        }
        yield rowRule(text, Kind.CONTAINED_IN, List.of(col), values, null, null, null, at, level, weight);
      }
      case "between" -> {
        if (args.size() != 3) {
          throw EtlErrors.badValue(where, text, "between(col, min, max)");
        }
        yield rowRule(text, Kind.BETWEEN, List.of(col), List.of(), number(args.get(1), where, text),
            number(args.get(2), where, text), null, at, level, weight);
      }
      case "non-negative" -> rowRule(text, Kind.NON_NEGATIVE, List.of(col), List.of(), null, null, null, at, level, weight);
      case "matches" -> rowRule(text, Kind.MATCHES, List.of(col), List.of(), null, null, regex(m.group(2), where, text), at, level, weight);
      default -> throw bad(where, text);
    };
  }

  private static QualityRule atMost(String text, Matcher m, Level level, double weight, String where) {
    String kind = m.group(1).toLowerCase(Locale.ROOT);
    String col = m.group(2).strip();
    String bound = m.group(4);
    return switch (kind) {
      case "freshness" -> new QualityRule(text, Kind.FRESHNESS, List.of(col), List.of(), null,
          (double) duration(bound, where, text).toSeconds(), null, 1.0, level, weight);
      case "null-rate-change" -> new QualityRule(text, Kind.NULL_RATE_CHANGE, List.of(col), List.of(), null,
          number(bound, where, text), null, 1.0, level, weight);
      case "mean-shift" -> new QualityRule(text, Kind.MEAN_SHIFT, List.of(col), List.of(), null,
          number(bound, where, text), null, 1.0, level, weight);
      default -> throw bad(where, text);
    };
  }

  private static QualityRule rowRule(String text, Kind kind, List<String> cols, List<String> values, Double lower,
      Double upper, String pattern, double at, Level level, double weight) {
    return new QualityRule(text, kind, cols, values, lower, upper, pattern, at, level, weight);
  }

  private static QualityRule bounded(String text, Kind kind, List<String> cols, Double lower, Double upper,
      Level level, double weight) {
    return new QualityRule(text, kind, cols, List.of(), lower, upper, null, 1.0, level, weight);
  }

  /** Splits {@code a, [b, c], 'd,e'} into a, b, c, d,e (quotes kept, brackets dropped). */
  private static List<String> args(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    for (char ch : s.toCharArray()) {
      if (quote != 0) {
        cur.append(ch);
        quote = ch == quote ? 0 : quote;
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        cur.append(ch);
      } else if (ch == ',') {
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else if (ch != '[' && ch != ']') {
        cur.append(ch);
      }
    }
    out.add(cur.toString().strip());
    return out;
  }

  private static String unquote(String s) {
    boolean quoted = s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0);
    return quoted ? s.substring(1, s.length() - 1) : s;
  }

  /** The regex of {@code matches(col, 'regex')}: everything between the first and the last quote. */
  private static String regex(String inner, String where, String text) {
    int comma = inner.indexOf(',');
    String rest = comma < 0 ? "" : inner.substring(comma + 1).strip();
    String pattern = unquote(rest);
    if (pattern.isEmpty() || pattern.equals(rest) && (rest.startsWith("'") || rest.startsWith("\""))) {
      throw EtlErrors.badValue(where, text, "matches(col, 'regex')");
    }
    try {
      Pattern.compile(pattern);
      return pattern;
    } catch (PatternSyntaxException e) {
      throw EtlErrors.badValue(where, text, "a valid Java regex (" + e.getDescription() + ")");
    }
  }

  private static Level level(String s, String where) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "error" -> Level.ERROR;
      case "warning", "warn" -> Level.WARNING;
      default -> throw EtlErrors.badValue(where, s, "error or warning");
    };
  }

  private static Double num(Matcher m, int group) {
    return Double.valueOf(m.group(group));
  }

  private static double number(String s, String where, String text) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw EtlErrors.badValue(where, text, "a number where '" + s.strip() + "' is");
    }
  }

  private static double fraction(String s, String text, String where) {
    double x = number(s, where, text);
    if (x < 0 || x > 1) {
      throw EtlErrors.badValue(where, text, "a share of rows between 0 and 1 after >=");
    }
    return x;
  }

  private static java.time.Duration duration(String s, String where, String text) {
    try {
      return ConfigFactory.parseString("d = " + s).getDuration("d");
    } catch (com.typesafe.config.ConfigException e) {
      throw EtlErrors.badValue(where, text, "a duration such as 30m, 6h or 2d after <");
    }
  }

  private static RuntimeException bad(String where, String text) {
    return EtlErrors.badValue(where, text, "a quality rule: complete(col), completeness(col) >= x, unique(cols),"
        + " contained-in(col, [values]), between(col, min, max), non-negative(col), matches(col, 'regex'),"
        + " row-count between a and b, freshness(col) < 6h, custom-sql(predicate) fraction >= x,"
        + " row-count-change between a and b, null-rate-change(col) <= x or mean-shift(col) <= k");
  }
}
