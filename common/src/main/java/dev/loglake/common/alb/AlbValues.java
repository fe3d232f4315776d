package dev.loglake.common.alb;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Plain-Java values of a parsed line: String, Integer, Long, Double, {@link Instant}, {@code
 * List<String>} and {@code List<Integer>} (null for null), indexed by {@link AlbLogSchema} ordinal.
 */
public final class AlbValues {

  private AlbValues() {}

  /** All 37 values of the parser's current (accepted) line. */
  public static Object[] of(AlbLogParser p) {
    Object[] out = new Object[AlbLogSchema.COLUMN_COUNT];
    for (int col = 0; col < out.length; col++) {
      out[col] = value(p, col);
    }
    return out;
  }

  /** One column of the parser's current line as a Java value, or null. */
  public static Object value(AlbLogParser p, int col) {
    if (p.isNull(col)) {
      return null;
    }
    return switch (AlbLogSchema.kind(col)) {
      case STRING -> p.stringValue(col);
      case INT -> p.intValue(col);
      case LONG -> p.longValue(col);
      case DOUBLE -> p.doubleValue(col);
      case TIMESTAMP -> Instant.EPOCH.plusNanos(p.longValue(col) * 1000L);
      case STRING_LIST -> stringList(p, col);
      case INT_LIST -> intList(p, col);
    };
  }

  /** The separator of a list column: {@code ,} for actions_executed, a space for the others. */
  public static byte listSeparator(int col) {
    return col == AlbLogSchema.ordinal(AlbLogSchema.ACTIONS_EXECUTED) ? (byte) ',' : (byte) ' ';
  }

  /**
   * Item boundaries of a list column: {@code [from0, to0, from1, to1, ...]}; an empty value (ALB
   * writes {@code ""} for no actions) has no items.
   */
  public static int[] listItems(AlbLogParser p, int col) {
    int from = p.start(col);
    int to = p.end(col);
    if (from == to) {
      return new int[0];
    }
    byte sep = listSeparator(col);
    byte[] b = p.buffer();
    int n = 1;
    for (int i = from; i < to; i++) {
      n += b[i] == sep ? 1 : 0;
    }
    int[] bounds = new int[2 * n];
    int k = 0;
    int itemFrom = from;
    for (int i = from; i <= to; i++) {
      if (i == to || b[i] == sep) {
        bounds[k++] = itemFrom;
        bounds[k++] = i;
        itemFrom = i + 1;
      }
    }
    return bounds;
  }

  private static List<String> stringList(AlbLogParser p, int col) {
    int[] items = listItems(p, col);
    List<String> out = new ArrayList<>(items.length / 2);
    for (int i = 0; i < items.length; i += 2) {
      out.add(new String(p.buffer(), items[i], items[i + 1] - items[i], StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableList(out);
  }

  private static List<Integer> intList(AlbLogParser p, int col) {
    int[] items = listItems(p, col);
    List<Integer> out = new ArrayList<>(items.length / 2);
    for (int i = 0; i < items.length; i += 2) {
      out.add(intItem(p.buffer(), items[i], items[i + 1]));
    }
    return Collections.unmodifiableList(out);
  }

  /** One item of target_status_code_list (validated by the parser): an int, or null for -. */
  static Integer intItem(byte[] b, int from, int to) {
    return to - from == 1 && b[from] == '-' ? null : (int) AlbNumbers.parseInt(b, from, to);
  }
}
