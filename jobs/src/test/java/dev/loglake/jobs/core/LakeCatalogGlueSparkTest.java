package dev.loglake.jobs.core;

import static dev.loglake.common.testing.DatasetAssert.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loglake.common.catalog.CatalogConfig;
import dev.loglake.common.catalog.GlueCatalogSettings;
import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.testing.AwsTestCredentials;
import dev.loglake.common.testing.GlueStub;
import dev.loglake.common.testing.RequestsTable;
import dev.loglake.common.testing.SparkTestSession;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.HiveMetaStoreClient;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.SerDeInfo;
import org.apache.hadoop.hive.metastore.api.StorageDescriptor;
import org.apache.hadoop.hive.metastore.api.Table;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.hive.HiveExternalCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark still reads a table the jobs put into Glue: the TableInput the Glue API received goes into
 * a Hive metastore (as Glue's Hive client hands a Glue table to Spark on Glue and EMR), Spark's
 * HiveExternalCatalog reads it back, and the test session resolves that definition through
 * DeltaCatalog to the Delta table's rows.
 */
@ExtendWith({SparkTestSession.class, AwsTestCredentials.class})
class LakeCatalogGlueSparkTest {

  @TempDir static Path metastore;
  @TempDir Path dir;

  @Test
  void sparkResolvesTheGlueDefinitionToTheDeltaTable(SparkSession spark) throws Exception {
    LakeZones zones = new LakeZones(dir.resolve("raw").toString(), dir.resolve("processed").toString(),
        dir.resolve("curated").toString(), dir.resolve("quality").toString(), dir.resolve("reports").toString());
    String path = zones.processed() + "/alb_requests";
    RequestsTable.write(spark, path);
    JsonNode tableInput;
    try (GlueStub glue = new GlueStub("r_processed")) {
      new LakeCatalog(spark, new CatalogConfig(true, "r_processed", "r_curated", "r_quality"), zones,
          new GlueCatalogSettings(true, Optional.of(glue.endpoint()), Optional.of("eu-west-1")))
          .sync(Set.of(LakeCatalog.Zone.PROCESSED));
      tableInput = glue.calls("CreateTable").get(0).body().get("TableInput");
    }

    Map<String, String> hive = Map.of(
        "javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + metastore.resolve("db") + ";create=true",
        "hive.metastore.warehouse.dir", metastore.resolve("warehouse").toString(),
        "datanucleus.schema.autoCreateAll", "true",
        "hive.metastore.schema.verification", "false");
    System.setProperty("derby.stream.error.file", metastore.resolve("derby.log").toString());
    HiveConf hiveConf = new HiveConf();
    hive.forEach(hiveConf::set);
    HiveMetaStoreClient client = new HiveMetaStoreClient(hiveConf);
    try {
      client.createDatabase(new Database("r_processed", "", metastore.resolve("warehouse/r").toUri().toString(), Map.of()));
      client.createTable(hiveTable("r_processed", tableInput));
    } finally {
      client.close();
    }
    Configuration hadoop = new Configuration(spark.sparkContext().hadoopConfiguration());
    hive.forEach(hadoop::set);
    CatalogTable restored = new HiveExternalCatalog(new SparkConf(false), hadoop).getTable("r_processed", "alb_requests");

    assertThat(restored.provider().get()).isEqualTo("delta");
    assertThat(restored.location()).isEqualTo(URI.create(RequestsTable.uri(path)));
    assertThat(restored.schema()).isEqualTo(spark.read().format("delta").load(path).schema());
    spark.sql("CREATE DATABASE IF NOT EXISTS r_processed");
    spark.sharedState().externalCatalog().createTable(restored, false);
    assertSameData(spark.table("r_processed.alb_requests"), spark.read().format("delta").load(path));
    assertThat(spark.table("r_processed.alb_requests").count()).isEqualTo(2);
    assertThat(new LakeCatalog(spark, new CatalogConfig(true, "r_processed", "r_curated", "r_quality"), zones)
        .registeredAt("r_processed", "alb_requests", path)).isTrue();
  }

  /** The Glue TableInput as the Hive metastore table Glue's Hive client gives Spark. */
  private static Table hiveTable(String database, JsonNode input) {
    JsonNode sd = input.get("StorageDescriptor");
    Map<String, String> serdeParameters = strings(sd.get("SerdeInfo").get("Parameters"));
    StorageDescriptor storage = new StorageDescriptor(columns(sd.get("Columns")), sd.get("Location").asText(),
        sd.get("InputFormat").asText(), sd.get("OutputFormat").asText(), false, -1,
        new SerDeInfo(null, sd.get("SerdeInfo").get("SerializationLibrary").asText(), serdeParameters),
        List.of(), List.of(), Map.of());
    Table table = new Table();
    table.setDbName(database);
    table.setTableName(input.get("Name").asText());
    table.setTableType(input.get("TableType").asText());
    table.setSd(storage);
    table.setPartitionKeys(columns(input.get("PartitionKeys")));
    table.setParameters(strings(input.get("Parameters")));
    return table;
  }

  private static List<FieldSchema> columns(JsonNode columns) {
    List<FieldSchema> out = new ArrayList<>();
    columns.forEach(c -> out.add(new FieldSchema(c.get("Name").asText(), c.get("Type").asText(),
        c.has("Comment") ? c.get("Comment").asText() : null)));
    return out;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new HashMap<>();
    object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }
}
