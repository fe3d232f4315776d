package dev.loglake.common.catalog;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Registering a lake's Delta tables in the session catalog (the test session's in-memory one). */
@ExtendWith(SparkTestSession.class)
class LakeCatalogTest {

  static final StructType T = Rows.schema("id STRING, n BIGINT");
  static final java.util.Set<LakeCatalog.Zone> ALL = java.util.EnumSet.allOf(LakeCatalog.Zone.class);

  @TempDir Path dir;

  @Test
  void registersEveryDeltaTableOfTheZonesOnceAndRepointsAMovedLake(SparkSession spark) throws Exception {
    CatalogConfig config = new CatalogConfig(true, "c1_processed", "c1_curated", "c1_quality");
    LakeZones first = lake(spark, dir.resolve("a"), "first");

    java.util.List<String> registered = new LakeCatalog(spark, config, first).sync(ALL);
    java.util.List<String> again = new LakeCatalog(spark, config, first).sync(ALL);

    assertThat(registered).containsExactlyInAnyOrder(
        "c1_processed.web_events", "c1_processed._runs", "c1_processed._quarantine_web_events",
        "c1_curated.daily", "c1_quality.quality_scores");
    assertThat(again).isEmpty();
    assertRows(spark.table("c1_processed.web_events"), row("first", 1L));
    assertRows(spark.table("c1_processed._quarantine_web_events"), row("first", 3L));
    assertRows(spark.table("c1_curated.daily"), row("first", 4L));
    assertThat(new LakeCatalog(spark, config, first).registeredAt("c1_curated", "daily", first.curated() + "/daily")).isTrue();
    assertThat(new LakeCatalog(spark, config, first).registeredAt("c1_curated", "not_delta", first.curated() + "/not_delta"))
        .isFalse();

    LakeZones moved = lake(spark, dir.resolve("b"), "moved");
    java.util.List<String> repointed = new LakeCatalog(spark, config, moved).sync(ALL);

    assertThat(repointed).containsExactlyInAnyOrderElementsOf(registered);
    assertThat(new LakeCatalog(spark, config, first).registeredAt("c1_curated", "daily", first.curated() + "/daily")).isFalse();
    assertRows(spark.table("c1_curated.daily"), row("moved", 4L));
    // The old entry's files are left alone.
    assertRows(spark.read().format("delta").load(first.curated() + "/daily"), row("first", 4L));
  }

  @Test
  void registersOnlyTheZonesAJobWrites(SparkSession spark) throws Exception {
    CatalogConfig config = new CatalogConfig(true, "c3_processed", "c3_curated", "c3_quality");

    assertThat(new LakeCatalog(spark, config, lake(spark, dir, "x")).sync(java.util.Set.of(LakeCatalog.Zone.CURATED)))
        .containsExactly("c3_curated.daily");
    assertThat(spark.catalog().databaseExists("c3_processed")).isFalse();
  }

  @Test
  void registersNothingWhenOff(SparkSession spark) throws Exception {
    CatalogConfig off = new CatalogConfig(false, "c2_processed", "c2_curated", "c2_quality");

    assertThat(new LakeCatalog(spark, off, lake(spark, dir, "x")).sync(ALL)).isEmpty();
    assertThat(spark.catalog().databaseExists("c2_processed")).isFalse();
  }

  @Test
  void rejectsADatabaseNameTheCatalogCannotHold() {
    assertThatThrownBy(() -> new CatalogConfig(true, "processed", "Curated-Zone", "quality"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.catalog.databases.curated")
        .hasMessageContaining("Curated-Zone");
  }

  /** Delta tables in each zone, a plain folder and a non-table name; every row names {@code tag}. */
  private static LakeZones lake(SparkSession spark, Path root, String tag) throws Exception {
    LakeZones zones = new LakeZones(root.resolve("raw").toString(), root.resolve("processed").toString(),
        root.resolve("curated").toString(), root.resolve("quality").toString(), root.resolve("reports").toString());
    write(spark, zones.processed() + "/web_events", tag, 1);
    write(spark, zones.processed() + "/_runs", tag, 2);
    write(spark, zones.processed() + "/_quarantine/web_events", tag, 3);
    write(spark, zones.curated() + "/daily", tag, 4);
    write(spark, zones.curated() + "/bad-name", tag, 5);
    write(spark, zones.quality() + "/quality_scores", tag, 6);
    Files.createDirectories(Path.of(zones.curated(), "not_delta"));
    Files.writeString(Path.of(zones.curated(), "not_delta", "x.csv"), "a,b\n");
    return zones;
  }

  private static void write(SparkSession spark, String path, String tag, long n) {
    Rows.of(spark, T, row(tag, n)).write().format("delta").mode("overwrite").save(path);
  }
}
