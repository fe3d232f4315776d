package dev.loglake.common.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted when it holds a
 * comma, a double quote, CR or LF (or starts or ends with a space), inner quotes doubled. Null is
 * an empty field; doubles are written in plain notation (no exponent).
 */
public final class CsvFormat {

  private CsvFormat() {}

  /** One record, CRLF included. */
  public static String record(List<?> fields) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(fields.get(i)));
    }
    return sb.append("\r\n").toString();
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String s =
        value instanceof Double d
            ? plain(d)
            : value instanceof Float f ? plain(f.doubleValue()) : value.toString();
    boolean quote =
        s.indexOf(',') >= 0
            || s.indexOf('"') >= 0
            || s.indexOf('\r') >= 0
            || s.indexOf('\n') >= 0
            || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  private static String plain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
