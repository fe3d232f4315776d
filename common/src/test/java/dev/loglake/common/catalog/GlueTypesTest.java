package dev.loglake.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.testing.Rows;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Spark/Delta types as Glue column types: the Hive type names of the Glue Table API's Column.Type
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-tables.html), which Athena lists
 * for Delta tables as boolean, tinyint, smallint, integer, bigint, double, float, decimal, string,
 * binary, date, timestamp, array, map and struct
 * (https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables-supported-data-types-columns.html).
 */
class GlueTypesTest {

  @Test
  void everyDeltaColumnTypeHasItsHiveName() {
    StructType schema = Rows.schema("b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f FLOAT, d DOUBLE, "
        + "m DECIMAL(38,18), str STRING, bin BINARY, day DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, "
        + "events ARRAY<STRUCT<Name: STRING, At: TIMESTAMP>>, totals MAP<STRING, ARRAY<DECIMAL(10,2)>>, "
        + "Nested STRUCT<Inner: STRUCT<Deep: INT>, tags: ARRAY<STRING>>");
    Map<String, String> types = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      types.put(f.name(), GlueTypes.of(f.name(), f.dataType()));
    }

    assertThat(types).containsExactly(
        Map.entry("b", "boolean"), Map.entry("t", "tinyint"), Map.entry("s", "smallint"), Map.entry("i", "int"),
        Map.entry("l", "bigint"), Map.entry("f", "float"), Map.entry("d", "double"),
        Map.entry("m", "decimal(38,18)"), Map.entry("str", "string"), Map.entry("bin", "binary"),
        Map.entry("day", "date"), Map.entry("ts", "timestamp"), Map.entry("ntz", "timestamp"),
        Map.entry("events", "array<struct<name:string,at:timestamp>>"),
        Map.entry("totals", "map<string,array<decimal(10,2)>>"),
        Map.entry("Nested", "struct<inner:struct<deep:int>,tags:array<string>>"));
  }

  @Test
  void aTypeGlueCannotHoldFailsNamingTheColumn() {
    assertThatThrownBy(() -> GlueTypes.of("spans", DataTypes.createArrayType(DataTypes.CalendarIntervalType)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column spans[] has type interval");
    assertThatThrownBy(() -> GlueTypes.of("geo", Rows.schema("`lat,lon` DOUBLE")))
        .hasMessageContaining("column geo: the name 'lat,lon' cannot be written into a Glue column type");
  }
}
