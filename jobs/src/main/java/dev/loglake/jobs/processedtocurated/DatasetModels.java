package dev.loglake.jobs.processedtocurated;

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
 * and average. A model file of the same name replaces the generated one.
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
    for (String m : measures(ds)) {
      sql.append(",\n  SUM(`").append(m).append("`) AS ").append(m).append("_sum");
      sql.append(",\n  AVG(`").append(m).append("`) AS ").append(m).append("_avg");
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

  /** The dataset's measures: declared numeric columns. */
  static List<String> measures(DatasetConfig ds) {
    List<String> measures = ds.config().getStringList("measures");
    for (String m : measures) {
      Optional<ColumnSpec> col = ds.schema().stream().filter(c -> c.name().equals(m)).findFirst();
      if (col.isEmpty() || !isNumeric(col.get())) {
        throw EtlErrors.badValue(
            "loglake.datasets." + ds.name() + ".measures",
            m,
            "numeric columns of the dataset's schema (int, long, double, decimal)");
      }
    }
    return measures;
  }

  private static boolean isNumeric(ColumnSpec c) {
    return c.type() instanceof org.apache.spark.sql.types.NumericType;
  }
}
