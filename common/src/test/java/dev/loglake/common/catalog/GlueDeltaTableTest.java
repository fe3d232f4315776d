package dev.loglake.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.catalyst.catalog.CatalogTable$;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.runtime.BoxedUnit;

/** The parts of a Glue definition that Spark reads back by its own rules. */
class GlueDeltaTableTest {

  @Test
  void aLongSchemaIsSplitIntoPartsExactlyAsSparkSplitsIt() {
    StructType wide = StructType.fromDDL(IntStream.range(0, 120)
        .mapToObj(i -> "column_with_a_long_name_" + i + " DECIMAL(20,4)").collect(Collectors.joining(", ")));
    Map<String, String> spark = new TreeMap<>();
    CatalogTable$.MODULE$.splitLargeTableProp(GlueDeltaTable.SCHEMA, wide.json(), (k, v) -> {
      spark.put(k, v);
      return BoxedUnit.UNIT;
    }, GlueDeltaTable.SCHEMA_PART_LENGTH);

    Map<String, String> ours = new TreeMap<>(
        GlueDeltaTable.input("t", "s3a://bucket/t", wide, java.util.List.of()).parameters());
    ours.keySet().removeIf(k -> !k.startsWith(GlueDeltaTable.SCHEMA));

    assertThat(wide.json().length()).isGreaterThan(2 * GlueDeltaTable.SCHEMA_PART_LENGTH);
    assertThat(ours).isEqualTo(spark).containsKey("spark.sql.sources.schema.numParts");
  }

  @Test
  void theAthenaLocationIsS3WithATrailingSlashAndSparksPathIsKept() {
    var input = GlueDeltaTable.input("t", "s3a://bucket/t", StructType.fromDDL("a INT"), java.util.List.of());

    assertThat(input.storageDescriptor().location()).isEqualTo("s3://bucket/t/");
    assertThat(input.storageDescriptor().serdeInfo().parameters()).containsEntry("path", "s3a://bucket/t");
    assertThat(GlueDeltaTable.location("s3://bucket/t/")).isEqualTo("s3://bucket/t/");
  }
}
