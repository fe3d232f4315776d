package dev.loglake.common.alb;

/**
 * ALB timestamps ({@code 2018-07-02T22:23:00.186641Z}, always UTC) to and from microseconds since
 * the epoch, which is also Spark's internal TimestampType value. Hand-written because {@code
 * Instant.parse} allocates and dominates the per-line cost.
 */
public final class AlbTimestamps {

  private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private AlbTimestamps() {}

  /**
   * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; digits past the sixth fraction digit are
   * truncated. Returns {@link AlbNumbers#INVALID} for anything else.
   */
  static long parseMicros(byte[] b, int from, int to) {
    if (to - from < 20 || b[to - 1] != 'Z' || !separatorsOk(b, from)) {
      return AlbNumbers.INVALID;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = digits(b, from + 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) {
      return AlbNumbers.INVALID;
    }
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return AlbNumbers.INVALID;
    }
    if (month == 2 && day == 29 && !isLeap(year)) {
      return AlbNumbers.INVALID;
    }
    long micros = fractionMicros(b, from + 19, to - 1);
    if (micros < 0) {
      return AlbNumbers.INVALID;
    }
    long seconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    return seconds * 1_000_000L + micros;
  }

  /** Formats as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ} (always six fraction digits). */
  public static String format(long micros) {
    long seconds = Math.floorDiv(micros, 1_000_000L);
    long fraction = Math.floorMod(micros, 1_000_000L);
    long days = Math.floorDiv(seconds, 86_400L);
    long secOfDay = Math.floorMod(seconds, 86_400L);
    java.time.LocalDate date = java.time.LocalDate.ofEpochDay(days);
    StringBuilder sb = new StringBuilder(27);
    pad(sb, date.getYear(), 4).append('-');
    pad(sb, date.getMonthValue(), 2).append('-');
    pad(sb, date.getDayOfMonth(), 2).append('T');
    pad(sb, secOfDay / 3600, 2).append(':');
    pad(sb, secOfDay / 60 % 60, 2).append(':');
    pad(sb, secOfDay % 60, 2).append('.');
    return pad(sb, fraction, 6).append('Z').toString();
  }

  private static boolean separatorsOk(byte[] b, int p) {
    return b[p + 4] == '-'
        && b[p + 7] == '-'
        && b[p + 10] == 'T'
        && b[p + 13] == ':'
        && b[p + 16] == ':';
  }

  /** Micros from an optional {@code .digits} part in [from, to); -1 if malformed. */
  private static long fractionMicros(byte[] b, int from, int to) {
    if (from == to) {
      return 0;
    }
    int n = to - from - 1;
    if (b[from] != '.' || n < 1 || n > 9) {
      return -1;
    }
    long micros = 0;
    for (int i = 0; i < 6; i++) {
      int d = i < n ? b[from + 1 + i] - '0' : 0;
      if (d < 0 || d > 9) {
        return -1;
      }
      micros = micros * 10 + d;
    }
    for (int i = 6; i < n; i++) {
      int d = b[from + 1 + i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
    }
    return micros;
  }

  private static int digits(byte[] b, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static boolean isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  }

  /** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
  private static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468L;
  }

  private static StringBuilder pad(StringBuilder sb, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
