package dev.loglake.jobs.processedtocurated;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loglake.common.error.EtlErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model's settings from the leading comment block of its SQL ({@code -- key: value} lines)
 * and from its optional sibling {@code .conf} (HOCON, same keys, wins over the header).
 */
public final class ModelParser {

  /** Every header key, with its default ("" = none). */
  static final Map<String, String> KEYS = defaults();

  private static final Pattern SETTING = Pattern.compile("^([a-z][a-z-]*)\\s*[:=]\\s*(.*)$");
  private static final String FORMAT_HINT =
      "Header settings are '-- key: value' lines at the top of the file; the keys are "
          + KEYS.keySet()
          + ".";

  private ModelParser() {}

  private static Map<String, String> defaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("description", "");
    m.put("partition-by", "date");
    m.put("depends-on", "");
    m.put("grain", "daily");
    m.put("write-mode", "replace-partitions");
    m.put("key", "");
    m.put("reads-days-before", "0");
    m.put("reads-days-after", "0");
    return m;
  }

  /**
   * The model of {@code file}; references in the SQL count as dependencies with the declared ones.
   */
  public static Model parse(ModelFile file) {
    if (!file.name().matches("[a-z][a-z0-9_]*")) {
      throw EtlErrors.badModel(
          file.origin(),
          "the name '" + file.name() + "' is not a table name",
          "Name model files <table>.sql with lower-case letters, digits and _.");
    }
    Map<String, String> s = new LinkedHashMap<>(KEYS);
    s.putAll(header(file));
    file.conf().ifPresent(text -> s.putAll(conf(file, text)));
    List<TableRef> deps = new ArrayList<>(SqlRefs.find(file.sql()));
    for (String d : list(s.get("depends-on"))) {
      deps.add(
          TableRef.parse(d)
              .orElseThrow(
                  () ->
                      EtlErrors.badModel(
                          file.origin(),
                          "depends-on names '" + d + "'",
                          "Name tables as processed.<table> or curated.<table>.")));
    }
    String partitionBy = s.get("partition-by");
    if (!partitionBy.matches("[a-z_][a-z0-9_]*")) {
      throw EtlErrors.badModel(
          file.origin(),
          "partition-by is '" + partitionBy + "'",
          "Name one date column of the output.");
    }
    return new Model(
        file.name(),
        file.origin(),
        file.sql(),
        partitionBy,
        deps,
        grain(file, s),
        writeMode(file, s),
        days(file, s, "reads-days-before"),
        days(file, s, "reads-days-after"),
        s.get("description"));
  }

  private static Map<String, String> header(ModelFile file) {
    Map<String, String> out = new LinkedHashMap<>();
    String last = null;
    for (String line : file.sql().split("\n", -1)) {
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      if (!t.startsWith("--")) {
        break;
      }
      String text = t.substring(2);
      if (last != null && text.startsWith("   ")) {
        // An indented comment line continues the setting above it (a long description).
        out.put(last, out.get(last) + " " + text.strip());
        continue;
      }
      last = null;
      Matcher m = SETTING.matcher(text.strip());
      if (m.matches()) {
        last = m.group(1);
        if (!KEYS.containsKey(m.group(1))) {
          throw EtlErrors.badModel(
              file.origin(), "unknown header setting '" + m.group(1) + "'", FORMAT_HINT);
        }
        out.put(m.group(1), m.group(2).strip());
      }
    }
    return out;
  }

  private static Map<String, String> conf(ModelFile file, String text) {
    Config c;
    try {
      c = ConfigFactory.parseString(text);
    } catch (com.typesafe.config.ConfigException e) {
      throw EtlErrors.badModel(
          file.origin().replaceAll("\\.sql$", ".conf"), e.getMessage(), "Fix the HOCON syntax.");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      if (!KEYS.containsKey(e.getKey())) {
        throw EtlErrors.badModel(
            file.origin().replaceAll("\\.sql$", ".conf"),
            "unknown setting '" + e.getKey() + "'",
            "The keys are " + KEYS.keySet() + ".");
      }
      ConfigValue v = e.getValue();
      out.put(
          e.getKey(),
          v.valueType() == ConfigValueType.LIST
              ? String.join(",", c.getStringList(e.getKey()))
              : String.valueOf(v.unwrapped()));
    }
    return out;
  }

  /** daily, hourly, or a word for another grain (session, customer ...): recorded in lineage. */
  private static String grain(ModelFile file, Map<String, String> s) {
    String g = s.get("grain");
    if (!g.matches("[a-z][a-z-]*")) {
      throw EtlErrors.badModel(
          file.origin(), "grain is '" + g + "'", "Use daily, hourly or one lower-case word.");
    }
    return g;
  }

  private static WriteMode writeMode(ModelFile file, Map<String, String> s) {
    String mode = oneOf(file, s, "write-mode", Set.of("replace-partitions", "merge"));
    if (mode.equals("replace-partitions")) {
      return new WriteMode.ReplacePartitions();
    }
    List<String> key = list(s.get("key"));
    if (key.isEmpty()) {
      throw EtlErrors.badModel(
          file.origin(),
          "write-mode merge needs a key",
          "Add '-- key: col1, col2' (the output's unique key).");
    }
    return new WriteMode.Merge(key);
  }

  private static String oneOf(
      ModelFile file, Map<String, String> s, String key, Set<String> allowed) {
    String v = s.get(key);
    if (!allowed.contains(v)) {
      throw EtlErrors.badModel(
          file.origin(), key + " is '" + v + "'", "Use one of " + new TreeSet<>(allowed) + ".");
    }
    return v;
  }

  private static int days(ModelFile file, Map<String, String> s, String key) {
    try {
      int n = Integer.parseInt(s.get(key));
      if (n >= 0 && n <= 31) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw EtlErrors.badModel(
        file.origin(),
        key + " is '" + s.get(key) + "'",
        "Use a whole number of days from 0 to 31.");
  }

  static List<String> list(String s) {
    return s == null
        ? List.of()
        : java.util.Arrays.stream(s.split(","))
            .map(String::strip)
            .filter(x -> !x.isEmpty())
            .toList();
  }
}
