package dev.loglake.common.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * The Glue Data Catalog definition of a Delta table, as a Glue crawler with "create native Delta
 * Lake tables" writes it, so that Athena engine 3, Spark and the Glue console see one table:
 *
 * <ul>
 *   <li>{@code table_type=DELTA}: Athena reads natively only tables that carry it
 *       (https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables-getting-started.html);
 *   <li>the columns of the Delta schema, partition columns as {@code PartitionKeys} (primitive
 *       types only, and always a list, empty included, for Athena:
 *       https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-tables.html). Athena reads
 *       the schema from the Delta log; Lake Formation, views and row/column filters need the Glue
 *       schema to match it
 *       (https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables-syncing-metadata.html);
 *   <li>{@code spark.sql.sources.provider=delta}, the {@code path} SerDe parameter (the location
 *       Spark's Hive catalog reads) and the Spark schema in {@code spark.sql.sources.schema}, the
 *       properties Spark's HiveExternalCatalog restores a data source table from. No partition
 *       column properties: Spark would move those columns last, while DeltaCatalog reads the
 *       partitioning from the Delta log;
 *   <li>the {@code s3://} location with a trailing slash, as Athena's DDL gives it, and Spark's
 *       (Hive's) storage formats for a table only a data source reads.
 * </ul>
 */
final class GlueDeltaTable {

  static final String PROVIDER = "spark.sql.sources.provider";
  static final String SCHEMA = "spark.sql.sources.schema";
  /** Every key Spark keeps for itself in a table's properties; all of them are ours to write. */
  static final String SPARK_PREFIX = "spark.sql.";
  /** spark.sql.sources.schemaStringLengthThreshold's default: longer schemas are split in parts. */
  static final int SCHEMA_PART_LENGTH = 4000;

  static final String INPUT_FORMAT = "org.apache.hadoop.mapred.SequenceFileInputFormat";
  static final String OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat";
  static final String SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";

  private static final Set<String> OWN_KEYS = Set.of("EXTERNAL", "table_type", "classification");

  private GlueDeltaTable() {}

  /**
   * The definition of table {@code name} at {@code path} (as Spark qualifies it) with the Delta
   * {@code schema} partitioned by {@code partitionColumns}.
   */
  static TableInput input(String name, String path, StructType schema, List<String> partitionColumns) {
    List<Column> columns = new ArrayList<>();
    List<Column> partitions = new ArrayList<>();
    for (String p : partitionColumns) {
      StructField field = schema.apply(p);
      partitions.add(column(field));
    }
    for (StructField field : schema.fields()) {
      if (!partitionColumns.contains(field.name())) {
        columns.add(column(field));
      }
    }
    return TableInput.builder()
        .name(name)
        .tableType("EXTERNAL_TABLE")
        .parameters(parameters(schema))
        .partitionKeys(partitions)
        .storageDescriptor(
            StorageDescriptor.builder()
                .columns(columns)
                .location(location(path))
                .inputFormat(INPUT_FORMAT)
                .outputFormat(OUTPUT_FORMAT)
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(SERDE)
                        .parameters(Map.of("serialization.format", "1", "path", path))
                        .build())
                .build())
        .build();
  }

  /**
   * {@code wanted} with the parameters of {@code current} that are not ours (a user's, Glue's)
   * kept; stale Spark properties (such as the empty schema of a table Spark registered) dropped.
   */
  static TableInput merged(TableInput wanted, Table current) {
    Map<String, String> parameters = new LinkedHashMap<>();
    current.parameters().forEach((k, v) -> {
      if (!k.startsWith(SPARK_PREFIX) && !OWN_KEYS.contains(k)) {
        parameters.put(k, v);
      }
    });
    parameters.putAll(wanted.parameters());
    return wanted.toBuilder().parameters(parameters).build();
  }

  /** Whether {@code current} already is {@code wanted} (a {@link #merged} definition). */
  static boolean matches(Table current, TableInput wanted) {
    StorageDescriptor sd = current.storageDescriptor();
    if (sd == null || sd.serdeInfo() == null) {
      return false;
    }
    TableInput seen = TableInput.builder()
        .name(current.name())
        .tableType(current.tableType())
        .parameters(current.parameters())
        .partitionKeys(plain(current.partitionKeys()))
        .storageDescriptor(
            StorageDescriptor.builder()
                .columns(plain(sd.columns()))
                .location(sd.location())
                .inputFormat(sd.inputFormat())
                .outputFormat(sd.outputFormat())
                .serdeInfo(
                    SerDeInfo.builder()
                        .serializationLibrary(sd.serdeInfo().serializationLibrary())
                        .parameters(sd.serdeInfo().parameters())
                        .build())
                .build())
        .build();
    return seen.equals(wanted);
  }

  /**
   * The Athena location of {@code path}: {@code s3://} for S3A/S3N paths (Athena finds nothing at an
   * {@code s3a://} location: delta-io/delta#4396), ending in a slash as in Athena's DDL.
   */
  static String location(String path) {
    String s3 = path.replaceFirst("^s3[an]://", "s3://");
    return s3.endsWith("/") ? s3 : s3 + "/";
  }

  private static Map<String, String> parameters(StructType schema) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("EXTERNAL", "TRUE");
    out.put("table_type", "DELTA");
    out.put("classification", "delta");
    out.put(PROVIDER, "delta");
    // As Spark's CatalogTable.splitLargeTableProp writes it (and readLargeTableProp reads it).
    String json = schema.json();
    if (json.length() <= SCHEMA_PART_LENGTH) {
      out.put(SCHEMA, json);
    } else {
      int parts = (json.length() + SCHEMA_PART_LENGTH - 1) / SCHEMA_PART_LENGTH;
      out.put(SCHEMA + ".numParts", Integer.toString(parts));
      for (int i = 0; i < parts; i++) {
        out.put(SCHEMA + ".part." + i,
            json.substring(i * SCHEMA_PART_LENGTH, Math.min(json.length(), (i + 1) * SCHEMA_PART_LENGTH)));
      }
    }
    return out;
  }

  private static Column column(StructField field) {
    return Column.builder()
        .name(GlueTypes.name(field.name(), field.name()))
        .type(GlueTypes.of(field.name(), field.dataType()))
        .comment(field.getComment().isDefined() ? field.getComment().get() : null)
        .build();
  }

  /** Columns as {@link #column} builds them: name, type, comment (Glue may add parameters). */
  private static List<Column> plain(List<Column> columns) {
    return columns.stream()
        .map(c -> Column.builder().name(c.name()).type(c.type()).comment(c.comment()).build())
        .toList();
  }
}
