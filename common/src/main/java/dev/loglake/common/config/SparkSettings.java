package dev.loglake.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to get the SparkSession.
 *
 * @param master used only when no master was given by spark-submit or the platform ({@code local[*]}
 *     by default)
 * @param appName the application name; the job name when unset
 * @param conf extra Spark settings ({@code loglake.spark.conf."spark.x.y" = value})
 */
public record SparkSettings(String master, String appName, Map<String, String> conf) {

  public SparkSettings {
    if (master == null || master.isBlank()) {
      throw dev.loglake.common.error.EtlErrors.badValue(
          "loglake.spark.master", master, "a Spark master URL such as local[*]");
    }
    conf = Map.copyOf(conf);
    if (conf.containsKey(dev.loglake.common.spark.SmallInputCodegen.MIN_BYTES_KEY)) {
      dev.loglake.common.spark.SmallInputCodegen.minBytes(conf.get(dev.loglake.common.spark.SmallInputCodegen.MIN_BYTES_KEY));
    }
  }

  static SparkSettings from(Config c, String job) {
    Map<String, String> conf = new TreeMap<>();
    if (c.hasPath("loglake.spark.conf")) {
      for (Map.Entry<String, ConfigValue> e : c.getObject("loglake.spark.conf").entrySet()) {
        conf.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
      }
    }
    String appName =
        c.hasPath("loglake.spark.app-name") ? c.getString("loglake.spark.app-name") : "loglake-" + job;
    return new SparkSettings(c.getString("loglake.spark.master"), appName, conf);
  }
}
