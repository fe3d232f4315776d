package dev.loglake.common.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Delta column's Spark type as the Hive type string a Glue Data Catalog column holds ({@code
 * bigint}, {@code decimal(12,2)}, {@code struct<lat:double,lon:double>} ...). Names inside structs
 * are lower-cased, as the Hive metastore keeps them; Spark restores their case from the table's
 * {@code spark.sql.sources.schema} property. Spark's Hive client parses these strings back when it
 * reads the table, so a nested name must not contain {@code , : < >} or a backquote.
 */
final class GlueTypes {

  /**
   * Spark's atomic types as Hive names them. Hive has one timestamp type; Athena reads whether a
   * column is timestamp_ntz from the Delta log.
   */
  private static final Map<DataType, String> ATOMIC = Map.ofEntries(
      Map.entry(DataTypes.BooleanType, "boolean"), Map.entry(DataTypes.ByteType, "tinyint"),
      Map.entry(DataTypes.ShortType, "smallint"), Map.entry(DataTypes.IntegerType, "int"),
      Map.entry(DataTypes.LongType, "bigint"), Map.entry(DataTypes.FloatType, "float"),
      Map.entry(DataTypes.DoubleType, "double"), Map.entry(DataTypes.StringType, "string"),
      Map.entry(DataTypes.BinaryType, "binary"), Map.entry(DataTypes.DateType, "date"),
      Map.entry(DataTypes.TimestampType, "timestamp"), Map.entry(DataTypes.TimestampNTZType, "timestamp"));

  private GlueTypes() {}

  /** The Glue type of {@code column}'s {@code type}; fails naming the column for a type Glue lacks. */
  static String of(String column, DataType type) {
    if (type instanceof StructType struct) {
      StringJoiner fields = new StringJoiner(",", "struct<", ">");
      for (StructField f : struct.fields()) {
        fields.add(name(column, f.name()) + ":" + of(column + "." + f.name(), f.dataType()));
      }
      return fields.toString();
    }
    if (type instanceof ArrayType array) {
      return "array<" + of(column + "[]", array.elementType()) + ">";
    }
    if (type instanceof MapType map) {
      return "map<" + of(column + ".key", map.keyType()) + "," + of(column + ".value", map.valueType()) + ">";
    }
    if (type instanceof DecimalType d) {
      return "decimal(" + d.precision() + "," + d.scale() + ")";
    }
    return atomic(column, type);
  }

  /** A column or field name as Glue holds it: lower case. */
  static String name(String column, String name) {
    if (name.isEmpty() || name.chars().anyMatch(c -> ",:<>`".indexOf(c) >= 0)) {
      throw new IllegalArgumentException(
          "column " + column + ": the name '" + name + "' cannot be written into a Glue column type; rename it");
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static String atomic(String column, DataType type) {
    String hive = ATOMIC.get(type);
    if (hive == null) {
      throw new IllegalArgumentException(
          "column " + column + " has type " + type.simpleString() + ", which a Glue Data Catalog column cannot hold");
    }
    return hive;
  }
}
