package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.util.Optional;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One declared column of a dataset.
 *
 * @param name the column's name in the processed table
 * @param type its Spark type; {@code struct<...>}, {@code array<...>} and {@code map<string,...>} read
 *     a nested JSON value
 * @param nullable false: a row without a value is quarantined
 * @param source the raw field to read it from, when named differently; a dotted path ({@code
 *     context.page.url}) takes a field from inside a nested JSON object
 * @param format a date/time pattern for date and timestamp columns; empty = ISO-8601
 */
public record ColumnSpec(
    String name, DataType type, boolean nullable, Optional<String> source, Optional<String> format) {

  static ColumnSpec from(Config c, String where) {
    String name = Configs.requireString(c, "name", "Every column in " + where + " needs a name.");
    String typeName = c.hasPath("type") ? c.getString("type") : "string";
    Optional<String> source = Configs.optionalString(c, "source");
    if (source.isPresent() && !SOURCE_PATH.matcher(source.get()).matches()) {
      throw EtlErrors.badValue(where + " column " + name + ".source", source.get(),
          "a field name, or a path of field names joined by . (context.page.url), without quotes");
    }
    return new ColumnSpec(
        name,
        parseType(typeName, where + " column " + name),
        !c.hasPath("nullable") || c.getBoolean("nullable"),
        source,
        Configs.optionalString(c, "format"));
  }

  private static final java.util.regex.Pattern SOURCE_PATH =
      java.util.regex.Pattern.compile("[^.'\"\\\\]+(\\.[^.'\"\\\\]+)*");

  /** The raw field this column is read from (a path when it holds a dot). */
  public String sourceName() {
    return source.orElse(name);
  }

  /** The top-level raw field this column is read from: the first name of a path. */
  public String sourceField() {
    String s = sourceName();
    return s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
  }

  /** The names after the first of a source path ({@code [page, url]}); empty for a field. */
  public java.util.List<String> sourcePath() {
    java.util.List<String> parts = java.util.List.of(sourceName().split("\\."));
    return parts.subList(1, parts.size());
  }

  /** True for a struct, array or map column, read from a nested JSON value. */
  public boolean nested() {
    return type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
  }

  private static DataType parseType(String typeName, String where) {
    String t = typeName.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("struct") || t.startsWith("array") || t.startsWith("map")) {
      return parseNested(typeName.strip(), where);
    }
    DataType type =
        switch (t) {
          case "string" -> DataTypes.StringType;
          case "int", "integer" -> DataTypes.IntegerType;
          case "long", "bigint" -> DataTypes.LongType;
          case "double" -> DataTypes.DoubleType;
          case "boolean" -> DataTypes.BooleanType;
          case "date" -> DataTypes.DateType;
          case "timestamp" -> DataTypes.TimestampType;
          default -> t.startsWith("decimal") ? parseDecimal(t, where) : null;
        };
    if (type == null) {
      throw EtlErrors.badValue(
          where + ".type", typeName,
          "string, int, long, double, boolean, date, timestamp, decimal(p,s), struct<...>, array<...> or map<string,...>");
    }
    return type;
  }

  /** A Spark DDL type string (field names keep their case); map keys must be strings, as in JSON. */
  private static DataType parseNested(String typeName, String where) {
    DataType type;
    try {
      type = CatalystSqlParser$.MODULE$.parseDataType(typeName);
    } catch (Exception e) {
      if (!(e instanceof ParseException)) {
        throw e;
      }
      throw EtlErrors.badValue(where + ".type", typeName, "a Spark DDL type such as struct<url:string,title:string>,"
          + " array<string> or map<string,int> (" + DerivedColumn.firstLine(e.getMessage()) + ")");
    }
    if (type instanceof MapType map && !map.keyType().equals(DataTypes.StringType)) {
      throw EtlErrors.badValue(where + ".type", typeName, "map<string,...>: JSON object keys are strings");
    }
    return type;
  }

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

  private static DataType parseDecimal(String t, String where) {
    java.util.regex.Matcher m = DECIMAL.matcher(t.replace(" ", ""));
    int precision = m.matches() ? Integer.parseInt(m.group(1)) : -1;
    int scale = m.matches() ? Integer.parseInt(m.group(2)) : -1;
    if (precision < 1 || precision > 38 || scale > precision) {
      throw EtlErrors.badValue(where + ".type", t, "decimal(precision,scale), e.g. decimal(12,2), precision 1..38");
    }
    return DataTypes.createDecimalType(precision, scale);
  }
}
