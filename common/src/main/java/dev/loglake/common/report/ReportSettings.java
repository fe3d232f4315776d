package dev.loglake.common.report;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.time.Duration;

/**
 * {@code loglake.alb.report.*}: whether and how the report files are written.
 *
 * @param enabled write the PDF, CSV and JSON files to the reports zone
 * @param worstApis how many worst APIs the summary, the hourly chart and the message name
 * @param writeAttempts attempts per file (at least 1)
 * @param retryBackoff the wait before the second attempt; it doubles for each further one
 */
public record ReportSettings(
    boolean enabled, int worstApis, int writeAttempts, Duration retryBackoff) {

  static final String PREFIX = "loglake.alb.report.";

  public ReportSettings {
    if (worstApis < 1) {
      throw EtlErrors.badValue(PREFIX + "worst-apis", worstApis, "a whole number of at least 1");
    }
    if (writeAttempts < 1) {
      throw EtlErrors.badValue(
          PREFIX + "write-attempts", writeAttempts, "a whole number of at least 1");
    }
    if (retryBackoff.isNegative()) {
      throw EtlErrors.badValue(
          PREFIX + "retry-backoff", retryBackoff, "a positive duration such as 1s");
    }
  }

  public static ReportSettings from(Config c) {
    return new ReportSettings(
        Configs.booleanValue(c, PREFIX + "enabled"),
        Configs.intValue(c, PREFIX + "worst-apis"),
        Configs.intValue(c, PREFIX + "write-attempts"),
        Configs.duration(c, PREFIX + "retry-backoff"));
  }

  /** The retry policy of file writes. */
  public Retry retry() {
    return new Retry(writeAttempts, retryBackoff, Retry.Sleeper.REAL);
  }
}
