package dev.loglake.jobs.sql;

import dev.loglake.common.catalog.CatalogConfig;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlErrors;
import java.util.List;

/**
 * sql's options.
 *
 * @param query the one statement to run
 * @param limit the most rows printed
 * @param datasets every configured dataset (the processed tables)
 * @param catalog where the jobs register the tables
 */
public record SqlConfig(
    EtlConfig etl, String query, int limit, List<DatasetConfig> datasets, CatalogConfig catalog) {

  public SqlConfig {
    datasets = List.copyOf(datasets);
    if (limit < 1) {
      throw EtlErrors.badValue("loglake.jobs.sql.limit", limit, "at least 1 row");
    }
  }

  static SqlConfig from(EtlConfig etl) {
    return new SqlConfig(
        etl,
        Configs.requireString(
            etl.config(),
            "loglake.jobs.sql.query",
            "Pass the statement: scripts/loglake sql \"SELECT * FROM curated.web_kpis_daily\" (or"
                + " --query \"...\")."),
        Configs.intValue(etl.config(), "loglake.jobs.sql.limit"),
        List.copyOf(DatasetCatalog.load(etl).values()),
        CatalogConfig.from(etl));
  }
}
