package dev.loglake.jobs.processedtocurated;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loglake.common.dataset.ColumnSpec;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models every dataset with an event time gets without a file: {@code <table>_daily_summary}
 * (per date) and {@code <table>_hourly_metrics} (per date and UTC hour), each with the record
 * count, the distinct record keys and, for every column in the dataset's {@code measures}, its sum
 * and average (without the measure's {@code no-value}). A model file of the same name replaces the
 * generated one.
 */
public final class DatasetModels {

  private DatasetModels() {}

  /** The generated models of every enabled dataset that has an event time. */
  public static List<Model> of(List<DatasetConfig> datasets) {
    List<Model> out = new ArrayList<>();
    for (DatasetConfig ds : datasets) {
      if (ds.enabled() && ds.eventTime().isPresent()) {
        out.add(summary(ds, Optional.empty()));
        out.add(summary(ds, ds.eventTime()));
      }
    }
    return out;
  }

  /** Daily (no hour column) or hourly (by the hour of {@code hourOf}). */
  private static Model summary(DatasetConfig ds, Optional<String> hourOf) {
    String name = ds.table() + (hourOf.isPresent() ? "_hourly_metrics" : "_daily_summary");
    String grain = hourOf.isPresent() ? "hourly" : "daily";
    String origin =
        "generated for dataset " + ds.name() + " (conf/datasets/" + ds.name() + ".conf)";
    StringBuilder sql =
        new StringBuilder()
            .append("-- description: ")
            .append(ds.table())
            .append(" per ")
            .append(hourOf.isPresent() ? "date and UTC hour" : "date")
            .append(": records, distinct record keys, sum and average of each measure\n")
            .append("-- grain: ")
            .append(grain)
            .append('\n')
            .append("SELECT date");
    hourOf.ifPresent(t -> sql.append(", HOUR(`").append(t).append("`) AS hour"));
    sql.append(",\n  COUNT(*) AS records,\n  COUNT(DISTINCT _record_key) AS distinct_keys");
    for (Measure m : measures(ds)) {
      sql.append(",\n  SUM(").append(m.value()).append(") AS ").append(m.column()).append("_sum");
      sql.append(",\n  AVG(").append(m.value()).append(") AS ").append(m.column()).append("_avg");
    }
    sql.append("\nFROM processed.").append(ds.table()).append("\nGROUP BY date");
    hourOf.ifPresent(t -> sql.append(", HOUR(`").append(t).append("`)"));
    sql.append('\n');
    return new Model(
        name,
        origin,
        sql.toString(),
        "date",
        List.of(TableRef.processed(ds.table())),
        grain,
        new WriteMode.ReplacePartitions(),
        0,
        0,
        "");
  }

  /**
   * A measure: a numeric column, and the value that stands for "no value" in it (ALB's -1 when the
   * target did not answer), which neither the sum nor the average counts.
   */
  record Measure(String column, Optional<String> noValue) {

    /** The column as the aggregates read it: null where it holds {@code noValue}. */
    String value() {
      String c = "`" + column + "`";
      return noValue.map(v -> "NULLIF(" + c + ", " + v + ")").orElse(c);
    }
  }

  /**
   * The dataset's {@code measures}: numeric columns of its schema (for ALB logs, the parser's), each
   * a name or {@code { column = <name>, no-value = <number> }}.
   */
  static List<Measure> measures(DatasetConfig ds) {
    String key = "loglake.datasets." + ds.name() + ".measures";
    ConfigList list;
    try {
      list = ds.config().getList("measures");
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw EtlErrors.badValue(key, ds.config().getValue("measures").unwrapped(), "a list of measures");
    }
    List<Measure> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Measure m = measure(list.get(i), key + "[" + i + "]");
      Optional<ColumnSpec> col = ds.columns().stream().filter(c -> c.name().equals(m.column())).findFirst();
      if (col.isEmpty() || !isNumeric(col.get())) {
        List<String> numeric = ds.columns().stream().filter(DatasetModels::isNumeric).map(ColumnSpec::name).toList();
        throw EtlErrors.badValue(key, m.column(), "numeric columns of the dataset's schema " + numeric);
      }
      out.add(m);
    }
    return out;
  }

  private static Measure measure(ConfigValue v, String where) {
    if (v.valueType() == ConfigValueType.STRING) {
      return new Measure((String) v.unwrapped(), Optional.empty());
    }
    if (!(v instanceof ConfigObject obj)
        || !obj.keySet().contains("column")
        || obj.get("column").valueType() != ConfigValueType.STRING
        || !java.util.Set.of("column", "no-value").containsAll(obj.keySet())
        || (obj.containsKey("no-value") && obj.get("no-value").valueType() != ConfigValueType.NUMBER)) {
      throw EtlErrors.badValue(where, v.unwrapped(),
          "a column name or { column = <name>, no-value = <number> } (e.g. { column = target_processing_time,"
              + " no-value = -1 })");
    }
    Optional<String> noValue =
        Optional.ofNullable(obj.get("no-value")).map(n -> new java.math.BigDecimal(n.unwrapped().toString()).toPlainString());
    return new Measure((String) obj.get("column").unwrapped(), noValue);
  }

  private static boolean isNumeric(ColumnSpec c) {
    return c.type() instanceof org.apache.spark.sql.types.NumericType;
  }
}
