package dev.loglake.common.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.AwsTestCredentials;
import dev.loglake.common.testing.GlueStub;
import dev.loglake.common.testing.JsonProtocolStub;
import dev.loglake.common.testing.RequestsTable;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * On AWS the jobs register each Delta table through the Glue API as a native Delta table, against
 * a local endpoint that records what the real SDK (AWS JSON 1.1: POST / with X-Amz-Target
 * AWSGlue.GetTable ...) sends and keeps the tables as Glue does. Athena engine 3 reads a Delta
 * table natively only when it carries table_type=DELTA
 * (https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables-getting-started.html); a Glue
 * table needs PartitionKeys, empty or not, for Athena
 * (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-catalog-tables.html).
 */
@ExtendWith({SparkTestSession.class, AwsTestCredentials.class})
class LakeCatalogGlueTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<LakeCatalog.Zone> PROCESSED = Set.of(LakeCatalog.Zone.PROCESSED);

  @TempDir Path dir;

  @Test
  void createsTheNativeDeltaTableThenLeavesItAloneThenAddsAnEvolvedColumn(SparkSession spark) throws Exception {
    LakeZones zones = zones();
    String path = requests(spark, zones);
    try (GlueStub glue = new GlueStub("g_processed")) {
      LakeCatalog catalog = new LakeCatalog(spark, config(), zones, settings(glue));

      List<String> created = catalog.sync(PROCESSED);
      StructType createdSchema = spark.read().format("delta").load(path).schema();
      List<JsonProtocolStub.Request> first = glue.requests();
      List<String> again = catalog.sync(PROCESSED);
      List<String> secondCalls = glue.operations().subList(first.size(), glue.requests().size());
      spark.read().format("delta").load(path).limit(1).selectExpr("*", "404 AS status")
          .write().format("delta").mode("append").option("mergeSchema", "true").save(path);
      int before = glue.requests().size();
      List<String> evolved = catalog.sync(PROCESSED);
      StructType evolvedSchema = spark.read().format("delta").load(path).schema();

      assertThat(created).containsExactly("g_processed.alb_requests");
      assertThat(first).extracting(GlueStub::operation).containsExactly("GetTable", "CreateTable");
      assertThat(first.get(0).body()).isEqualTo(JSON.readTree(
          "{\"DatabaseName\":\"g_processed\",\"Name\":\"alb_requests\"}"));
      JsonProtocolStub.Request create = first.get(1);
      assertThat(create.contentType()).isEqualTo("application/x-amz-json-1.1");
      assertThat(create.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=" + AwsTestCredentials.KEY + "/")
          .contains("/eu-west-1/glue/aws4_request");
      assertThat(withoutSchema(create.body(), createdSchema)).isEqualTo(JSON.readTree(expected(path, "")));

      assertThat(again).isEmpty();
      assertThat(secondCalls).containsExactly("GetTable");

      assertThat(evolved).containsExactly("g_processed.alb_requests");
      List<JsonProtocolStub.Request> third = glue.requests().subList(before, glue.requests().size());
      assertThat(third).extracting(GlueStub::operation).containsExactly("GetTable", "UpdateTable");
      assertThat(withoutSchema(third.get(1).body(), evolvedSchema))
          .isEqualTo(JSON.readTree(expected(path, ",{\"Name\":\"status\",\"Type\":\"int\"}")));
    }
  }

  @Test
  void repairsATableSparkRegisteredWithThePlaceholderSchemaKeepingOtherParameters(SparkSession spark) throws Exception {
    LakeZones zones = zones();
    String path = requests(spark, zones);
    try (GlueStub glue = new GlueStub("g_processed")) {
      // What CREATE TABLE ... USING delta LOCATION leaves in Glue through Spark's Hive client: the
      // placeholder column, an empty schema, the location only in the path SerDe parameter, and a
      // placeholder Location HiveExternalCatalog makes up for data source tables.
      glue.put("g_processed", "{\"Name\":\"alb_requests\",\"TableType\":\"EXTERNAL_TABLE\","
          + "\"Parameters\":{\"EXTERNAL\":\"TRUE\",\"spark.sql.sources.provider\":\"delta\","
          + "\"spark.sql.sources.schema\":\"{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[]}\","
          + "\"spark.sql.create.version\":\"3.5.4\",\"transient_lastDdlTime\":\"1710000000\",\"team\":\"edge\"},"
          + "\"PartitionKeys\":[],\"StorageDescriptor\":{\"Columns\":[{\"Name\":\"col\",\"Type\":\"array<string>\","
          + "\"Comment\":\"from deserializer\"}],\"Location\":\"" + RequestsTable.uri(path) + "-__PLACEHOLDER__\","
          + "\"InputFormat\":\"" + GlueDeltaTable.INPUT_FORMAT + "\",\"OutputFormat\":\"" + GlueDeltaTable.OUTPUT_FORMAT
          + "\",\"SerdeInfo\":{\"SerializationLibrary\":\"" + GlueDeltaTable.SERDE + "\",\"Parameters\":"
          + "{\"serialization.format\":\"1\",\"path\":\"" + RequestsTable.uri(path) + "\"}}}}");

      List<String> repaired = new LakeCatalog(spark, config(), zones, settings(glue)).sync(PROCESSED);

      assertThat(repaired).containsExactly("g_processed.alb_requests");
      assertThat(glue.operations()).containsExactly("GetTable", "UpdateTable");
      ObjectNode want = (ObjectNode) JSON.readTree(expected(path, ""));
      ((ObjectNode) want.get("TableInput").get("Parameters")).put("transient_lastDdlTime", "1710000000").put("team", "edge");
      assertThat(withoutSchema(glue.requests().get(1).body(), spark.read().format("delta").load(path).schema())).isEqualTo(want);
    }
  }

  @Test
  void aMissingDatabaseFailsNamingItAndTheFix(SparkSession spark) throws Exception {
    LakeZones zones = zones();
    requests(spark, zones);
    try (GlueStub glue = new GlueStub("another")) {
      assertThatThrownBy(() -> new LakeCatalog(spark, config(), zones, settings(glue)).sync(PROCESSED))
          .hasMessageContaining("the Glue database 'g_processed' does not exist")
          .hasMessageContaining("loglake.catalog.databases");
    }
  }

  @Test
  void settingsComeFromLoglakeCatalogGlueWithTheAwsRegionAsFallback() {
    var reference = ConfigFactory.parseResources("reference.conf");
    var aws = ConfigFactory.parseMap(Map.of("loglake.catalog.glue.enabled", true,
        "loglake.catalog.glue.endpoint", "http://127.0.0.1:4566", "loglake.aws.region", "eu-west-1"))
        .withFallback(reference);

    assertThat(GlueCatalogSettings.from(reference)).isEqualTo(GlueCatalogSettings.OFF);
    assertThat(GlueCatalogSettings.from(aws)).isEqualTo(new GlueCatalogSettings(
        true, Optional.of(java.net.URI.create("http://127.0.0.1:4566")), Optional.of("eu-west-1")));
    assertThatThrownBy(() -> GlueCatalogSettings.from(
        ConfigFactory.parseMap(Map.of("loglake.catalog.glue.endpoint", "localhost")).withFallback(reference)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.catalog.glue.endpoint");
  }

  /**
   * The CreateTable/UpdateTable body of the test table at {@code path} ({@code moreColumns}: JSON
   * of columns after the last one), without {@code spark.sql.sources.schema}, which {@link
   * #withoutSchema} checks against the Delta table's schema. Partition column {@code date} is a
   * PartitionKey, not a column; names are lower case as in the Hive metastore.
   */
  static String expected(String path, String moreColumns) {
    return "{\"DatabaseName\":\"g_processed\",\"TableInput\":{\"Name\":\"alb_requests\","
        + "\"TableType\":\"EXTERNAL_TABLE\",\"Parameters\":{\"EXTERNAL\":\"TRUE\",\"table_type\":\"DELTA\","
        + "\"classification\":\"delta\",\"spark.sql.sources.provider\":\"delta\"},"
        + "\"PartitionKeys\":[{\"Name\":\"date\",\"Type\":\"date\"}],"
        + "\"StorageDescriptor\":{\"Columns\":["
        + "{\"Name\":\"request_id\",\"Type\":\"string\"},"
        + "{\"Name\":\"client_ip\",\"Type\":\"string\",\"Comment\":\"v4 or v6\"},"
        + "{\"Name\":\"bytes\",\"Type\":\"bigint\"},"
        + "{\"Name\":\"amount\",\"Type\":\"decimal(12,2)\"},"
        + "{\"Name\":\"ts\",\"Type\":\"timestamp\"},"
        + "{\"Name\":\"tags\",\"Type\":\"array<string>\"},"
        + "{\"Name\":\"attrs\",\"Type\":\"map<string,int>\"},"
        + "{\"Name\":\"geo\",\"Type\":\"struct<lat:double,lon:double>\"}" + moreColumns + "],"
        + "\"Location\":\"" + RequestsTable.uri(path) + "/\","
        + "\"InputFormat\":\"org.apache.hadoop.mapred.SequenceFileInputFormat\","
        + "\"OutputFormat\":\"org.apache.hadoop.hive.ql.io.HiveSequenceFileOutputFormat\","
        + "\"SerdeInfo\":{\"SerializationLibrary\":\"org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe\","
        + "\"Parameters\":{\"serialization.format\":\"1\",\"path\":\"" + RequestsTable.uri(path) + "\"}}}}}";
  }

  /**
   * {@code body} without its {@code spark.sql.sources.schema} parameter, after checking that the
   * parameter is {@code schema} (what Spark read from the Delta table) as JSON: what Spark's
   * HiveExternalCatalog restores a data source table's schema from.
   */
  static JsonNode withoutSchema(JsonNode body, StructType schema) {
    ObjectNode copy = body.deepCopy();
    ObjectNode parameters = (ObjectNode) copy.get("TableInput").get("Parameters");
    JsonNode json = parameters.remove(GlueDeltaTable.SCHEMA);
    assertThat(json).as("spark.sql.sources.schema").isNotNull();
    assertThat(DataType.fromJson(json.asText())).isEqualTo(schema);
    return copy;
  }

  /** Writes {@link RequestsTable} as the processed zone's alb_requests; returns its path. */
  static String requests(SparkSession spark, LakeZones zones) {
    String path = zones.processed() + "/alb_requests";
    RequestsTable.write(spark, path);
    return path;
  }

  LakeZones zones() {
    return new LakeZones(dir.resolve("raw").toString(), dir.resolve("processed").toString(),
        dir.resolve("curated").toString(), dir.resolve("quality").toString(), dir.resolve("reports").toString());
  }

  static CatalogConfig config() {
    return new CatalogConfig(true, "g_processed", "g_curated", "g_quality");
  }

  static GlueCatalogSettings settings(GlueStub glue) {
    return new GlueCatalogSettings(true, Optional.of(glue.endpoint()), Optional.of("eu-west-1"));
  }
}
