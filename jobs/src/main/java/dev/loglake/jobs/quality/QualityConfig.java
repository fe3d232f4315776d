package dev.loglake.jobs.quality;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import java.util.List;
import java.util.Optional;

/** quality's options. */
public record QualityConfig(
    EtlConfig etl, List<String> datasets, Optional<DateRange> range, boolean profile) {

  public QualityConfig {
    datasets = List.copyOf(datasets);
  }

  static QualityConfig from(EtlConfig etl) {
    String p = "loglake.jobs.quality";
    return new QualityConfig(
        etl,
        Configs.stringList(etl.config(), p + ".datasets"),
        DateRange.fromConfig(etl.config(), p),
        Configs.booleanValue(etl.config(), p + ".profile"));
  }
}
