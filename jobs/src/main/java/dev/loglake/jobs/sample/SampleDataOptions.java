package dev.loglake.jobs.sample;

import dev.loglake.common.error.EtlErrors;
import java.time.LocalDate;

/**
 * What to generate: {@code days} UTC days starting at {@code start}, reproducible from {@code
 * seed}.
 *
 * @param start first day (UTC) to generate
 * @param days number of days, at least 1
 * @param seed the same seed always gives byte-identical files
 * @param albMb total uncompressed size of the ALB access logs in MiB over all days; 0 means the
 *     realistic default of {@value #DEFAULT_ALB_MB_PER_DAY} MiB per day
 */
public record SampleDataOptions(LocalDate start, int days, long seed, int albMb) {

  /** Uncompressed ALB text per day when {@code albMb} is 0: a small but realistic site. */
  public static final int DEFAULT_ALB_MB_PER_DAY = 32;

  public SampleDataOptions {
    if (start == null) {
      throw EtlErrors.badValue("start", null, "a date such as 2024-05-01");
    }
    if (days < 1) {
      throw EtlErrors.badValue("days", days, "a whole number of days >= 1");
    }
    if (albMb < 0) {
      throw EtlErrors.badValue("alb-mb", albMb, "0 (realistic default size) or a size in MiB > 0");
    }
  }

  /** Total uncompressed ALB text to write over all days, in bytes. */
  long albTotalBytes() {
    long mib = albMb == 0 ? (long) DEFAULT_ALB_MB_PER_DAY * days : albMb;
    return mib * 1024L * 1024L;
  }
}
