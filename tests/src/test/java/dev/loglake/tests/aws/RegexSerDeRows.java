package dev.loglake.tests.aws;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Hive's {@code org.apache.hadoop.hive.serde2.RegexSerDe} (the SerDe of Athena's ALB table)
 * makes of one text line, reproduced from its deserialize(): the regex is compiled with DOTALL and
 * must match the whole line ({@code matches()}); it must have exactly as many capture groups as the
 * table has columns or every read fails; a line that does not match becomes a row of nulls; group
 * i fills column i, converted with {@code Integer.valueOf}, {@code Long.valueOf} or {@code
 * Double.valueOf} by column type, and a group that did not take part or does not convert gives
 * null. Source:
 * https://github.com/apache/hive/blob/master/serde/src/java/org/apache/hadoop/hive/serde2/RegexSerDe.java
 * (Athena engine 3 reads the table through Trino's Hive connector, whose RegexDeserializer follows
 * the same rules.)
 */
final class RegexSerDeRows {

  /** A Glue column: its name and Hive type. */
  record Column(String name, String type) {}

  private final Pattern pattern;
  private final List<Column> columns;

  RegexSerDeRows(String inputRegex, List<Column> columns) {
    this.pattern = Pattern.compile(inputRegex, Pattern.DOTALL);
    this.columns = List.copyOf(columns);
    int groups = pattern.matcher("").groupCount();
    if (groups != columns.size()) {
      // RegexSerDe.deserialize: "Number of matching groups doesn't match the number of columns"
      throw new IllegalArgumentException("input.regex has " + groups + " capture groups for "
          + columns.size() + " columns; RegexSerDe fails every read");
    }
  }

  /** The row Athena returns for {@code line}: one value per column (String, Integer, Long, Double or null). */
  Object[] deserialize(String line) {
    Object[] row = new Object[columns.size()];
    Matcher m = pattern.matcher(line);
    if (!m.matches()) {
      return row;
    }
    for (int c = 0; c < row.length; c++) {
      String text = m.group(c + 1);
      try {
        row[c] = switch (columns.get(c).type()) {
          case "string" -> text;
          case "int" -> Integer.valueOf(text);
          case "bigint" -> Long.valueOf(text);
          case "double" -> Double.valueOf(text);
          default -> throw new IllegalArgumentException("column type not modelled: " + columns.get(c));
        };
      } catch (NumberFormatException | NullPointerException e) {
        row[c] = null;
      }
    }
    return row;
  }

  static boolean allNull(Object[] row) {
    return Arrays.stream(row).allMatch(v -> v == null);
  }
}
