package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * One declared column of a dataset.
 *
 * @param name the column's name in the processed table
 * @param type its Spark type
 * @param nullable false: a row without a value is quarantined
 * @param source the raw field to read it from, when named differently
 * @param format a date/time pattern for date and timestamp columns; empty = ISO-8601
 */
public record ColumnSpec(
    String name, DataType type, boolean nullable, Optional<String> source, Optional<String> format) {

  static ColumnSpec from(Config c, String where) {
    String name = Configs.requireString(c, "name", "Every column in " + where + " needs a name.");
    String typeName = c.hasPath("type") ? c.getString("type") : "string";
    return new ColumnSpec(
        name,
        parseType(typeName, where + " column " + name),
        !c.hasPath("nullable") || c.getBoolean("nullable"),
        Configs.optionalString(c, "source"),
        Configs.optionalString(c, "format"));
  }

  /** The raw field this column is read from. */
  public String sourceName() {
    return source.orElse(name);
  }

  private static DataType parseType(String typeName, String where) {
    String t = typeName.strip().toLowerCase(java.util.Locale.ROOT);
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
          where + ".type", typeName, "string, int, long, double, boolean, date, timestamp or decimal(p,s)");
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
