package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import java.util.List;
import java.util.Optional;

/** processed-to-curated's options. */
public record ProcessedToCuratedConfig(
    EtlConfig etl, List<String> models, Optional<DateRange> range, boolean fullRefresh) {

  public ProcessedToCuratedConfig {
    models = List.copyOf(models);
  }

  static ProcessedToCuratedConfig from(EtlConfig etl) {
    String p = "loglake.jobs.processed-to-curated";
    return new ProcessedToCuratedConfig(
        etl,
        Configs.stringList(etl.config(), p + ".models"),
        DateRange.fromConfig(etl.config(), p),
        Configs.booleanValue(etl.config(), p + ".full-refresh"));
  }
}
