package dev.loglake.jobs.sample;

import java.time.LocalDate;

/**
 * Allocation-free appenders for the hot path: ISO-8601 UTC timestamps, fixed-width hex and
 * millisecond durations as seconds. {@code String.format} is far too slow for a billion bytes.
 * Instances cache the date prefix and are not thread-safe: use one per file.
 */
final class TextFormat {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private long cachedDay = Long.MIN_VALUE;
  private String cachedDatePrefix = "";

  /** Appends {@code 2024-05-01T12:34:56.123456Z}. */
  void appendMicros(StringBuilder sb, long epochMicros) {
    long seconds = Math.floorDiv(epochMicros, 1_000_000L);
    appendDateTime(sb, seconds);
    sb.append('.');
    appendPadded(sb, Math.floorMod(epochMicros, 1_000_000L), 6);
    sb.append('Z');
  }

  /** Appends {@code 2024-05-01T12:34:56.123Z}. */
  void appendMillis(StringBuilder sb, long epochMillis) {
    appendDateTime(sb, Math.floorDiv(epochMillis, 1000L));
    sb.append('.');
    appendPadded(sb, Math.floorMod(epochMillis, 1000L), 3);
    sb.append('Z');
  }

  /** Appends {@code 2024-05-01T12:34:56Z}. */
  void appendSeconds(StringBuilder sb, long epochSeconds) {
    appendDateTime(sb, epochSeconds);
    sb.append('Z');
  }

  private void appendDateTime(StringBuilder sb, long epochSeconds) {
    long day = Math.floorDiv(epochSeconds, 86_400L);
    if (day != cachedDay) {
      cachedDay = day;
      cachedDatePrefix = LocalDate.ofEpochDay(day) + "T";
    }
    int secondOfDay = (int) Math.floorMod(epochSeconds, 86_400L);
    sb.append(cachedDatePrefix);
    appendPadded(sb, secondOfDay / 3600, 2);
    sb.append(':');
    appendPadded(sb, secondOfDay / 60 % 60, 2);
    sb.append(':');
    appendPadded(sb, secondOfDay % 60, 2);
  }

  /** Appends a duration in milliseconds as seconds with 3 decimals; negative means {@code -1}. */
  static void appendSecondsOf(StringBuilder sb, int millis) {
    if (millis < 0) {
      sb.append("-1");
      return;
    }
    sb.append(millis / 1000).append('.');
    appendPadded(sb, millis % 1000, 3);
  }

  /** Appends an amount in cents as {@code 123.45}. */
  static void appendCents(StringBuilder sb, long cents) {
    sb.append(cents / 100).append('.');
    appendPadded(sb, cents % 100, 2);
  }

  /** Appends the low {@code digits} hex digits of {@code value}, zero-padded. */
  static void appendHex(StringBuilder sb, long value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(int) (value >>> shift) & 0xF]);
    }
  }

  static void appendPadded(StringBuilder sb, long value, int width) {
    long limit = 10;
    for (int i = 1; i < width; i++) {
      if (value < limit) {
        sb.append('0');
      }
      limit *= 10;
    }
    sb.append(value);
  }
}
