package dev.loglake.common.catalog;

import java.util.Locale;
import java.util.StringJoiner;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * A Delta column's Spark type as the Hive type string a Glue Data Catalog column holds ({@code
 * bigint}, {@code decimal(12,2)}, {@code struct<lat:double,lon:double>} ...). Names inside structs
 * are lower-cased, as the Hive metastore keeps them; Spark restores their case from the table's
 * {@code spark.sql.sources.schema} property. Spark's Hive client parses these strings back when it
 * reads the table, so a nested name must not contain {@code , : < >} or a backquote.
 */
final class GlueTypes {

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
    if (type instanceof BooleanType) {
      return "boolean";
    } else if (type instanceof ByteType) {
      return "tinyint";
    } else if (type instanceof ShortType) {
      return "smallint";
    } else if (type instanceof IntegerType) {
      return "int";
    } else if (type instanceof LongType) {
      return "bigint";
    } else if (type instanceof FloatType) {
      return "float";
    } else if (type instanceof DoubleType) {
      return "double";
    } else if (type instanceof StringType) {
      return "string";
    } else if (type instanceof BinaryType) {
      return "binary";
    } else if (type instanceof DateType) {
      return "date";
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      // Hive has one timestamp type; Athena reads the time-zone semantics from the Delta log.
      return "timestamp";
    }
    throw new IllegalArgumentException(
        "column " + column + " has type " + type.simpleString() + ", which a Glue Data Catalog column cannot hold");
  }
}
