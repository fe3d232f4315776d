package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.error.EtlErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Loads and validates every dataset under {@code loglake.datasets}. */
public final class DatasetCatalog {

  private DatasetCatalog() {}

  /** All datasets, by name, in name order. A key a dataset sets that the defaults lack is an error. */
  public static Map<String, DatasetConfig> load(EtlConfig etl) {
    Config root = etl.config();
    Config defaults = root.getConfig("loglake.dataset-defaults");
    Map<String, DatasetConfig> out = new LinkedHashMap<>();
    ConfigObject datasets = root.getObject("loglake.datasets");
    for (String name : new TreeSet<>(datasets.keySet())) {
      ConfigValue v = datasets.get(name);
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw EtlErrors.badValue("loglake.datasets." + name, v.unwrapped(), "an object { raw { ... }, schema = [...] }");
      }
      Config dataset = ((ConfigObject) v).toConfig();
      rejectUnknownKeys(name, dataset, defaults);
      out.put(name, DatasetConfig.from(name, dataset.withFallback(defaults), etl.zones()));
    }
    return out;
  }

  /** The enabled datasets named in {@code names} (all enabled when empty); unknown names are an error. */
  public static List<DatasetConfig> select(Map<String, DatasetConfig> all, List<String> names, String key) {
    for (String n : names) {
      if (!all.containsKey(n)) {
        throw EtlErrors.badValue(key, n, "one of the configured datasets " + all.keySet());
      }
    }
    return all.values().stream()
        .filter(d -> names.isEmpty() ? d.enabled() : names.contains(d.name()))
        .toList();
  }

  private static void rejectUnknownKeys(String name, Config dataset, Config defaults) {
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> e : dataset.entrySet()) {
      if (!defaults.hasPathOrNull(e.getKey())) {
        unknown.add("loglake.datasets." + name + "." + e.getKey() + " (" + e.getValue().origin().description() + ")");
      }
    }
    if (!unknown.isEmpty()) {
      throw EtlErrors.unknownKeys(unknown, "dataset " + name);
    }
  }
}
