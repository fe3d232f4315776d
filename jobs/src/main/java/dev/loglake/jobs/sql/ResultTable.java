package dev.loglake.jobs.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Renders rows as a plain-text table: a header, a rule, one line per row; null shows as NULL. */
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

  private static String cell(Object v) {
    if (v instanceof scala.collection.Seq<?> seq) {
      return scala.collection.JavaConverters.seqAsJavaList(seq).toString();
    }
    if (v instanceof scala.collection.Map<?, ?> map) {
      return scala.collection.JavaConverters.mapAsJavaMap(map).toString();
    }
    return String.valueOf(v);
  }

  private static void line(StringBuilder sb, String[] values, int[] width) {
    for (int c = 0; c < values.length; c++) {
      sb.append(c == 0 ? "" : " | ").append(String.format("%-" + width[c] + "s", values[c]));
    }
    sb.append('\n');
  }
}
