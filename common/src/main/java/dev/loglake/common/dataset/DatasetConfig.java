package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.loglake.common.alb.AlbLogSchema;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A dataset as declared in {@code conf/datasets/<name>.conf} under {@code loglake.datasets.<name>},
 * read over {@code loglake.dataset-defaults}. Adding a dataset is a config change, not a code change.
 */
public record DatasetConfig(
    String name,
    String table,
    boolean enabled,
    RawSource raw,
    List<ColumnSpec> schema,
    List<DerivedColumn> derive,
    List<String> key,
    Optional<String> eventTime,
    List<PiiRule> pii,
    String piiSaltEnv,
    Optional<String> piiSaltSecret,
    List<ValidationRule> validation,
    boolean addColumns,
    int lookbackDays,
    boolean failOnUnreadableFile,
    Config config) {

  public DatasetConfig {
    schema = List.copyOf(schema);
    derive = List.copyOf(derive);
    key = List.copyOf(key);
    pii = List.copyOf(pii);
    validation = List.copyOf(validation);
    String where = "loglake.datasets." + name;
    if (lookbackDays < 1) {
      throw EtlErrors.badValue(where + ".lookback-days", lookbackDays, "at least 1 day");
    }
    if (schema.isEmpty() && raw.format() != RawSource.Format.ALB) {
      throw EtlErrors.missingKey(where + ".schema", "Declare the dataset's columns (only format alb has a built-in schema).");
    }
    List<String> names = names(columns(schema, raw), derive);
    checkColumns(where + ".key", key, names);
    checkColumns(where + ".event-time", eventTime.stream().toList(), names);
    checkColumns(where + ".pii", pii.stream().map(PiiRule::column).toList(), names);
    checkColumns(where + ".validation", validation.stream().map(ValidationRule::column).toList(), names);
    for (PiiRule rule : pii) {
      if (rule.action() == PiiRule.Action.DROP && key.contains(rule.column())) {
        throw EtlErrors.badValue(where + ".pii", rule.column(),
            "a column that is not part of the key " + key + " when its action is drop (hash it instead)");
      }
    }
    maxFileBytes(config, where);
  }

  /** {@code max-file-bytes}: the largest raw file read; empty = no limit. */
  public java.util.OptionalLong maxFileBytes() {
    return maxFileBytes(config, "loglake.datasets." + name);
  }

  private static java.util.OptionalLong maxFileBytes(Config c, String where) {
    String key = "max-file-bytes";
    if (c == null || !c.hasPath(key)) {
      return java.util.OptionalLong.empty();
    }
    long bytes;
    try {
      bytes = c.getBytes(key);
    } catch (com.typesafe.config.ConfigException.BadValue | com.typesafe.config.ConfigException.WrongType e) {
      throw EtlErrors.badValue(where + "." + key, c.getValue(key).unwrapped(), "a size in bytes (1000000, 512m, 2g) or null");
    }
    if (bytes < 1) {
      throw EtlErrors.badValue(where + "." + key, bytes, "at least 1 byte, or null for no limit");
    }
    return java.util.OptionalLong.of(bytes);
  }

  /** Reads dataset {@code name} from {@code dataset} (already over the defaults). */
  static DatasetConfig from(String name, Config c, LakeZones zones) {
    String where = "loglake.datasets." + name;
    String table = Configs.optionalString(c, "table").orElse(name);
    if (!table.matches("[a-z][a-z0-9_]*")) {
      throw EtlErrors.badValue(where + ".table", table, "a table name of lower-case letters, digits and _");
    }
    String evolution = c.getString("schema-evolution");
    if (!evolution.equals("strict") && !evolution.equals("add-columns")) {
      throw EtlErrors.badValue(where + ".schema-evolution", evolution, "strict or add-columns");
    }
    return new DatasetConfig(
        name,
        table,
        Configs.booleanValue(c, "enabled"),
        RawSource.from(c.getConfig("raw"), zones, where),
        objects(c, "schema", where, ColumnSpec::from),
        objects(c, "derive", where, DerivedColumn::from),
        c.getStringList("key"),
        Configs.optionalString(c, "event-time"),
        objects(c, "pii", where, PiiRule::from),
        c.getString("pii-salt-env"),
        Configs.optionalString(c, "pii-salt-secret"),
        objects(c, "validation", where, ValidationRule::from),
        evolution.equals("add-columns"),
        Configs.intValue(c, "lookback-days"),
        Configs.booleanValue(c, "fail-on-unreadable-file"),
        c);
  }

  /** The derived columns that are not declared ones (a declared name is a normalised column). */
  public List<String> addedColumns() {
    return added(schema, derive);
  }

  /** The declared column names, in order, then the derived ones not declared (none without a schema). */
  public List<String> columnNames() {
    return names(schema, derive);
  }

  private static List<String> added(List<ColumnSpec> schema, List<DerivedColumn> derive) {
    List<String> declared = schema.stream().map(ColumnSpec::name).toList();
    return derive.stream().map(DerivedColumn::name).filter(n -> !declared.contains(n)).distinct().toList();
  }

  private static List<String> names(List<ColumnSpec> schema, List<DerivedColumn> derive) {
    List<String> names = new ArrayList<>(schema.stream().map(ColumnSpec::name).toList());
    if (!names.isEmpty()) {
      names.addAll(added(schema, derive));
    }
    return names;
  }

  /**
   * The columns of the parsed rows: the declared {@code schema}, or for format alb without one the
   * ALB parser's ({@link AlbLogSchema}). Keys, rules and measures name these.
   */
  public List<ColumnSpec> columns() {
    return columns(schema, raw);
  }

  private static List<ColumnSpec> columns(List<ColumnSpec> schema, RawSource raw) {
    if (!schema.isEmpty() || raw.format() != RawSource.Format.ALB) {
      return schema;
    }
    return java.util.Arrays.stream(AlbLogSchema.schema().fields())
        .map(f -> new ColumnSpec(f.name(), f.dataType(), f.nullable(), Optional.empty(), Optional.empty()))
        .toList();
  }

  private static <T> List<T> objects(
      Config c, String key, String where, BiFunction<Config, String, T> parse) {
    ConfigList list;
    try {
      list = c.getList(key);
    } catch (com.typesafe.config.ConfigException.WrongType e) {
      throw EtlErrors.badValue(where + "." + key, c.getValue(key).unwrapped(), "a list of objects");
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      if (!(v instanceof ConfigObject obj)) {
        throw EtlErrors.badValue(where + "." + key + "[" + i + "]", v.unwrapped(), "an object { ... }");
      }
      out.add(parse.apply(obj.toConfig(), where + "." + key + "[" + i + "]"));
    }
    return out;
  }

  private static void checkColumns(String key, List<String> used, List<String> declared) {
    if (declared.isEmpty()) {
      return;
    }
    for (String column : used) {
      if (!declared.contains(column)) {
        throw EtlErrors.badValue(key, column, "one of the declared columns " + declared);
      }
    }
  }
}
