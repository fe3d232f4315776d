package dev.loglake.common.alb;

import java.nio.charset.StandardCharsets;

/**
 * Number and timestamp parsing straight from ASCII bytes, without building a String. Invalid input
 * yields {@link #INVALID} (or NaN for doubles) so the parser can reject the line with a reason.
 */
final class AlbNumbers {

  /** Marks an unparseable integer or timestamp; no ALB value can be {@code Long.MIN_VALUE}. */
  static final long INVALID = Long.MIN_VALUE;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private AlbNumbers() {}

  /** An optionally negative decimal integer of at most 18 digits, else {@link #INVALID}. */
  static long parseLong(byte[] b, int from, int to) {
    int i = from < to && b[from] == '-' ? from + 1 : from;
    if (i == to || to - i > 18) {
      return INVALID;
    }
    long v = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return INVALID;
      }
      v = v * 10 + d;
    }
    return b[from] == '-' ? -v : v;
  }

  /** Like {@link #parseLong} but also {@link #INVALID} outside the int range. */
  static long parseInt(byte[] b, int from, int to) {
    long v = parseLong(b, from, to);
    return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? INVALID : v;
  }

  /**
   * A decimal number such as {@code 0.086} or {@code -1}. The fast path divides the exact digit
   * value by an exact power of ten, which IEEE rounding makes identical to {@link
   * Double#parseDouble}; longer or exponent forms fall back to it.
   */
  static double parseDouble(byte[] b, int from, int to) {
    int i = from < to && b[from] == '-' ? from + 1 : from;
    long mantissa = 0;
    int digits = 0;
    int scale = -1;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        digits++;
        if (scale >= 0) {
          scale++;
        }
      } else if (b[i] == '.' && scale < 0) {
        scale = 0;
      } else {
        return slowDouble(b, from, to);
      }
    }
    if (digits == 0 || scale == 0) {
      return Double.NaN;
    }
    if (digits > 15) {
      return slowDouble(b, from, to);
    }
    double v = scale > 0 ? mantissa / POW10[scale] : mantissa;
    return b[from] == '-' ? -v : v;
  }

  private static double slowDouble(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      boolean ok =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!ok) {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
