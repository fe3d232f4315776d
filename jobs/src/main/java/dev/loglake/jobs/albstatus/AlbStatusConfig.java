package dev.loglake.jobs.albstatus;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.error.EtlErrors;
import java.time.Clock;
import java.util.Optional;

/** alb-status's options. */
public record AlbStatusConfig(EtlConfig etl, DateRange range, Source source, Optional<String> input) {

  /** Where the requests come from. */
  public enum Source {
    PROCESSED,
    RAW
  }

  static AlbStatusConfig from(EtlConfig etl, Clock clock) {
    String p = "loglake.jobs.alb-status";
    String source = etl.config().getString(p + ".source");
    Source parsed =
        switch (source) {
          case "processed" -> Source.PROCESSED;
          case "raw" -> Source.RAW;
          default -> throw EtlErrors.badValue(p + ".source", source, "processed or raw");
        };
    DateRange range =
        DateRange.fromConfig(etl.config(), p).orElseGet(() -> DateRange.of(DateRange.yesterday(clock)));
    return new AlbStatusConfig(etl, range, parsed, Configs.optionalString(etl.config(), p + ".input"));
  }
}
