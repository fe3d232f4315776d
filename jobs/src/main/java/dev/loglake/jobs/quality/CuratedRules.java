package dev.loglake.jobs.quality;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.quality.QualityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A curated table's quality rules: {@code loglake.curated-tables.<table>.quality}, declared in
 * {@code conf/quality/<table>.conf} (included from {@code conf/application.conf}). The quality
 * tables, reports and {@code quality/_runs} name the table {@code curated.<table>}.
 *
 * @param table the curated table, which must be a model's name (checked when the job runs)
 * @param file where the rules are declared (their config origin: file and line), for messages
 * @param rules the rules, in the order written
 */
record CuratedRules(String table, String file, List<QualityRule> rules) {

  /** How results name a curated table, and how {@code --datasets} selects one. */
  static final String PREFIX = "curated.";

  static final String KEY = "loglake.curated-tables";
  static final String DEFAULTS = "loglake.curated-table-defaults";

  CuratedRules {
    rules = List.copyOf(rules);
  }

  /** The name of the table in the quality tables and reports: {@code curated.<table>}. */
  String name() {
    return PREFIX + table;
  }

  /** Every curated table's rules, in table order. Unknown keys and quarantine-share are errors. */
  static List<CuratedRules> load(Config c) {
    Config defaults = c.getConfig(DEFAULTS);
    ConfigObject tables = c.getObject(KEY);
    List<CuratedRules> out = new ArrayList<>();
    for (String table : new TreeSet<>(tables.keySet())) {
      ConfigValue v = tables.get(table);
      String key = KEY + "." + table;
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw EtlErrors.badValue(key, v.unwrapped(), "an object { quality = [...] }");
      }
      Config own = ((ConfigObject) v).toConfig();
      Set<String> unknown = new TreeSet<>();
      for (Map.Entry<String, ConfigValue> e : own.entrySet()) {
        if (!defaults.hasPathOrNull(e.getKey())) {
          unknown.add(key + "." + e.getKey() + " (" + e.getValue().origin().description() + ")");
        }
      }
      if (!unknown.isEmpty()) {
        throw EtlErrors.unknownKeys(unknown, "curated table " + table + " (keys: " + defaults.root().keySet() + ")");
      }
      // The rules' own origin: an env file or --config may replace a table's list from conf/quality/.
      String file = (own.hasPath("quality") ? own.getValue("quality") : v).origin().description();
      List<QualityRule> rules = QualityConfig.rules(own.withFallback(defaults), key + ".quality");
      for (QualityRule rule : rules) {
        if (rule.kind() == QualityRule.Kind.QUARANTINE_SHARE) {
          throw EtlErrors.badQualityRules(file, "rule '" + rule.name() + "' of " + key + ".quality is for processed"
              + " datasets only", "A curated table has no quarantine: remove the rule.");
        }
      }
      out.add(new CuratedRules(table, file, rules));
    }
    return out;
  }

  /**
   * The tables of {@code all} named {@code curated.<table>} in {@code names}; every table when {@code
   * everything}. A name with the prefix that matches no table is an error.
   */
  static List<CuratedRules> select(List<CuratedRules> all, List<String> names, boolean everything, String key) {
    List<String> known = all.stream().map(CuratedRules::name).toList();
    for (String n : names) {
      if (!known.contains(n)) {
        throw EtlErrors.badValue(key, n, "a dataset, or one of the curated tables with rules " + known
            + " (conf/quality/<table>.conf)");
      }
    }
    return all.stream().filter(r -> everything || names.contains(r.name())).toList();
  }
}
