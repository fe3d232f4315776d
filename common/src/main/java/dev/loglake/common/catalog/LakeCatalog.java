package dev.loglake.common.catalog;

import dev.loglake.common.config.LakeZones;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalog;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Registers the lake's Delta tables in the session catalog as {@code <database>.<table>}, so that
 * {@code spark.table("curated.web_kpis_daily")}, {@code scripts/loglake sql}, Athena and anything
 * else reading the metastore find them: every Delta table directly under the processed, curated
 * and quality zones by its folder name ({@code _runs}, {@code _ledger} included), and each
 * dataset's quarantine {@code processed/_quarantine/<dataset>} as {@code _quarantine_<dataset>}.
 *
 * <p>Tables are external: the Delta log stays the schema's authority. Through the session catalog
 * (the Derby metastore locally) the catalog holds the name and the location. With {@code
 * loglake.catalog.glue.enabled} (on AWS) each table goes through the Glue Data Catalog API as a
 * native Delta table ({@link GlueDeltaTable}: {@code table_type=DELTA}, the Delta schema's columns),
 * updated whenever the schema or the location changes, so Athena reads it as Spark does. A table
 * registered at another location (a moved lake) is re-pointed; its old files are left alone.
 * Registering again is a no-op, so every job can call {@link #sync}; with the local Derby metastore it
 * does not even start the metastore when every table is recorded as registered ({@link RegisteredTables}).
 */
public final class LakeCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(LakeCatalog.class);
  private static final String QUARANTINE = "_quarantine";
  private static final String TABLE_NAME = "[a-z0-9_]+";

  private final SparkSession spark;
  private final CatalogConfig config;
  private final LakeZones zones;
  private final GlueCatalogSettings glue;

  /** Registers through the session catalog. */
  public LakeCatalog(SparkSession spark, CatalogConfig config, LakeZones zones) {
    this(spark, config, zones, GlueCatalogSettings.OFF);
  }

  /** Registers through the Glue Data Catalog API when {@code glue} is enabled. */
  public LakeCatalog(SparkSession spark, CatalogConfig config, LakeZones zones, GlueCatalogSettings glue) {
    this.spark = spark;
    this.config = config;
    this.zones = zones;
    this.glue = glue;
  }

  /** A zone whose tables go into the catalog. */
  public enum Zone {
    PROCESSED,
    CURATED,
    QUALITY
  }

  /**
   * Registers every Delta table of {@code zones} that the catalog does not have at its location
   * yet (through Glue: not with its current schema). Returns the {@code database.table} names it
   * created, re-pointed or updated; empty when {@code loglake.catalog.register} is off or all were
   * registered.
   */
  public List<String> sync(java.util.Set<Zone> zones) {
    if (!config.register()) {
      return List.of();
    }
    // database -> table -> path
    Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
    for (Zone zone : Zone.values()) {
      if (zones.contains(zone)) {
        String database = switch (zone) {
          case PROCESSED -> config.processed();
          case CURATED -> config.curated();
          case QUALITY -> config.quality();
        };
        wanted.computeIfAbsent(database, d -> new LinkedHashMap<>()).putAll(tables(path(zone)));
      }
    }
    java.util.Optional<RegisteredTables> record = glue.enabled() ? java.util.Optional.empty() : RegisteredTables.of(spark);
    Map<String, String> locations = new LinkedHashMap<>();
    wanted.forEach((database, tables) -> tables.forEach((t, p) -> locations.put(database + "." + t, qualified(p))));
    if (record.isPresent() && record.get().covers(locations)) {
      LOG.debug("The catalog has the {} tables at their locations (as recorded in {}): the metastore is not asked",
          locations.size(), RegisteredTables.FILE);
      return List.of();
    }
    List<String> changed = new ArrayList<>();
    try (GlueTables api = glue.enabled() ? new GlueTables(glue) : null) {
      wanted.forEach((database, tables) -> tables.forEach((t, p) ->
          (api == null ? register(database, t, p) : register(api, database, t, p)).ifPresent(changed::add)));
    }
    record.ifPresent(r -> r.add(locations));
    if (!changed.isEmpty()) {
      // A list of every table is for the log file; the console has the jobs' own lines.
      LOG.debug("Registered in the catalog: {}", changed);
    }
    return changed;
  }

  private String path(Zone zone) {
    return switch (zone) {
      case PROCESSED -> zones.processed();
      case CURATED -> zones.curated();
      case QUALITY -> zones.quality();
    };
  }

  /**
   * Whether the catalog has {@code database.table} registered at {@code path}: a table registered
   * elsewhere (another lake's) does not count.
   */
  public boolean registeredAt(String database, String table, String path) {
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    if (!catalog.databaseExists(database) || !catalog.tableExists(database, table)) {
      return false;
    }
    URI at = catalog.getTable(database, table).location();
    return at != null && trim(at.toString()).equals(qualified(path));
  }

  /** Registers the Delta table at {@code path}; returns its name when the catalog changed. */
  java.util.Optional<String> register(String database, String table, String path) {
    String name = "`" + database + "`.`" + table + "`";
    String location = qualified(path);
    ExternalCatalog catalog = spark.sharedState().externalCatalog();
    if (!catalog.databaseExists(database)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    } else if (registeredAt(database, table, path)) {
      return java.util.Optional.empty();
    } else if (catalog.tableExists(database, table)) {
      LOG.warn("{} was registered at {}; re-pointing it to {}", name, catalog.getTable(database, table).location(), location);
      spark.sql("DROP TABLE " + name);
    }
    spark.sql("CREATE TABLE IF NOT EXISTS " + name + " USING delta LOCATION '" + location.replace("'", "\\'") + "'");
    return java.util.Optional.of(database + "." + table);
  }

  /**
   * Creates or updates {@code database.table} in the Glue Data Catalog as the native Delta table at
   * {@code path}, with the schema and partition columns of its latest version; returns its name
   * when the catalog changed.
   */
  java.util.Optional<String> register(GlueTables api, String database, String table, String path) {
    DeltaTable delta = DeltaTable.forPath(spark, path);
    StructType schema = delta.toDF().schema();
    List<String> partitionColumns = delta.detail().select("partitionColumns").first().getList(0);
    if (!api.put(database, GlueDeltaTable.input(table, qualified(path), schema, partitionColumns))) {
      return java.util.Optional.empty();
    }
    // A definition this session may have cached is stale now.
    spark.sessionState().catalog().invalidateCachedTable(new TableIdentifier(table, Option.apply(database)));
    return java.util.Optional.of(database + "." + table);
  }

  /** The Delta tables directly under {@code zone} (and its quarantine folders), name to path. */
  /**
   * The Delta tables of {@code zone} by catalog name ({@code _quarantine/<dataset>} is {@code
   * _quarantine_<dataset>}), each with its path.
   */
  public Map<String, String> tables(Zone zone) {
    return tables(path(zone));
  }

  private Map<String, String> tables(String zone) {
    Map<String, String> out = new LinkedHashMap<>();
    for (FileStatus dir : directories(zone)) {
      String name = dir.getPath().getName().toLowerCase(Locale.ROOT);
      String path = LakeZones.join(zone, dir.getPath().getName());
      if (name.equals(QUARANTINE)) {
        for (FileStatus ds : directories(path)) {
          String dataset = LakeZones.join(path, ds.getPath().getName());
          add(out, QUARANTINE + "_" + ds.getPath().getName().toLowerCase(Locale.ROOT), dataset);
        }
      } else {
        add(out, name, path);
      }
    }
    return out;
  }

  private void add(Map<String, String> out, String table, String path) {
    if (!table.matches(TABLE_NAME)) {
      LOG.debug("Not registering {}: '{}' is not a table name", path, table);
    } else if (DeltaTable.isDeltaTable(spark, path)) {
      out.put(table, path);
    }
  }

  private List<FileStatus> directories(String path) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        return List.of();
      }
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus st : fs.listStatus(p)) {
        if (st.isDirectory()) {
          out.add(st);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path + " to register its tables", e);
    }
  }

  private String qualified(String path) {
    try {
      Path p = new Path(path);
      return trim(p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve " + path, e);
    }
  }

  private static String trim(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }
}
