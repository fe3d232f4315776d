package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.error.EtlErrors;
import java.util.List;
import java.util.Optional;

/** raw-to-processed's options. */
public record RawToProcessedConfig(
    EtlConfig etl, List<String> datasets, Optional<DateRange> range, boolean reprocess) {

  public RawToProcessedConfig {
    datasets = List.copyOf(datasets);
    if (reprocess && range.isEmpty()) {
      throw EtlErrors.missingKey(
          etl.jobKey("from"), "--reprocess needs the date range to reprocess: --from and --to.");
    }
  }

  static RawToProcessedConfig from(EtlConfig etl) {
    String p = "loglake.jobs.raw-to-processed";
    return new RawToProcessedConfig(
        etl,
        Configs.stringList(etl.config(), p + ".datasets"),
        DateRange.fromConfig(etl.config(), p),
        Configs.booleanValue(etl.config(), p + ".reprocess"));
  }
}
