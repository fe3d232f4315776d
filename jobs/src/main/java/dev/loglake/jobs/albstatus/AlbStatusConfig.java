package dev.loglake.jobs.albstatus;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.report.DeliverySettings;
import dev.loglake.common.report.ReportSettings;
import java.time.Clock;
import java.util.Optional;

/**
 * alb-status's options ({@code loglake.jobs.alb-status.*}) and the {@code loglake.alb.*} settings
 * it uses, all read and validated before any Spark work.
 *
 * @param etl the run's config
 * @param range the UTC dates to report (default: yesterday)
 * @param source where the requests come from
 * @param input with {@code --source raw}: the ALB files
 * @param mapping target group to API rules and the error-rate threshold
 * @param report whether and how the report files are written
 * @param delivery the presigned link and SNS message
 * @param allowEmpty report an empty range instead of failing when no input was found
 */
public record AlbStatusConfig(
    EtlConfig etl,
    DateRange range,
    Source source,
    Optional<String> input,
    AlbApiMapping mapping,
    ReportSettings report,
    DeliverySettings delivery,
    boolean allowEmpty) {

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
        DateRange.fromConfig(etl.config(), p)
            .orElseGet(() -> DateRange.of(DateRange.yesterday(clock)));
    return new AlbStatusConfig(
        etl,
        range,
        parsed,
        Configs.optionalString(etl.config(), p + ".input"),
        AlbApiMapping.from(etl.config()),
        ReportSettings.from(etl.config()),
        DeliverySettings.from(etl.config()),
        etl.config().getBoolean(p + ".allow-empty"));
  }
}
