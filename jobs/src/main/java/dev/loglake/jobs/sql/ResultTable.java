package dev.loglake.jobs.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Renders rows as a plain-text table: a header, a rule, one line per row; null shows as NULL and
 * floating-point numbers with {@link #DIGITS} significant digits.
 */
final class ResultTable {

  private ResultTable() {}

  static String render(String[] columns, List<Row> rows) {
    int[] width = new int[columns.length];
    List<String[]> cells = new ArrayList<>();
    for (int c = 0; c < columns.length; c++) {
      width[c] = columns[c].length();
    }
    for (Row r : rows) {
      String[] line = new String[columns.length];
      for (int c = 0; c < columns.length; c++) {
        line[c] = r.isNullAt(c) ? "NULL" : cell(r.get(c));
        width[c] = Math.max(width[c], line[c].length());
      }
      cells.add(line);
    }
    StringBuilder sb = new StringBuilder();
    line(sb, columns, width);
    String[] rule = new String[columns.length];
    for (int c = 0; c < columns.length; c++) {
      rule[c] = "-".repeat(width[c]);
    }
    line(sb, rule, width);
    cells.forEach(l -> line(sb, l, width));
    return sb.toString();
  }

  /** Significant digits of a floating-point cell (the data keeps full precision). */
  static final int DIGITS = 6;

  private static String cell(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return decimal(((Number) v).doubleValue());
    }
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.collection.JavaConverters.seqAsJavaList(seq).toString();
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      return scala.collection.JavaConverters.mapAsJavaMap(map).toString();
    }
    return String.valueOf(v);
  }

  /** {@code d} rounded to {@link #DIGITS} significant digits: 201.12884999999994 shows as 201.129. */
  static String decimal(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
      return String.valueOf(d);
    }
    double abs = Math.abs(d);
    if (abs < 1e-4 || abs >= 1e15) {
      return String.format(java.util.Locale.ROOT, "%." + (DIGITS - 1) + "e", d);
    }
    java.math.BigDecimal rounded =
        new java.math.BigDecimal(d).round(new java.math.MathContext(DIGITS)).stripTrailingZeros();
    return rounded.scale() <= 0 ? rounded.setScale(1).toPlainString() : rounded.toPlainString();
  }

  private static void line(StringBuilder sb, String[] values, int[] width) {
    for (int c = 0; c < values.length; c++) {
      sb.append(c == 0 ? "" : " | ").append(String.format("%-" + width[c] + "s", values[c]));
    }
    sb.append('\n');
  }
}
