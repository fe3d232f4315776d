package dev.loglake.common.catalog;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.error.EtlErrors;

/**
 * Where the lake's Delta tables are registered in the session catalog (a Hive metastore: Derby under
 * the lake folder locally, the Glue Data Catalog on AWS).
 *
 * @param register whether jobs register the tables they write
 * @param processed the database of the processed zone's tables
 * @param curated the database of the curated zone's tables
 * @param quality the database of the quality zone's tables
 */
public record CatalogConfig(boolean register, String processed, String curated, String quality) {

  private static final String NAME = "[a-z][a-z0-9_]*";

  public CatalogConfig {
    check("processed", processed);
    check("curated", curated);
    check("quality", quality);
  }

  public static CatalogConfig from(EtlConfig etl) {
    return new CatalogConfig(
        Configs.booleanValue(etl.config(), "loglake.catalog.register"),
        Configs.requireString(etl.config(), "loglake.catalog.databases.processed", HINT),
        Configs.requireString(etl.config(), "loglake.catalog.databases.curated", HINT),
        Configs.requireString(etl.config(), "loglake.catalog.databases.quality", HINT));
  }

  private static final String HINT = "a database name of lower-case letters, digits and _";

  private static void check(String zone, String database) {
    if (database == null || !database.matches(NAME)) {
      throw EtlErrors.badValue("loglake.catalog.databases." + zone, database, HINT);
    }
  }
}
