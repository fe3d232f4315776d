package dev.loglake.common.alb;

import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Spark internal values of a parsed line: UTF8String, Integer, Long, Double, micros for
 * timestamps, ArrayData for lists. Strings wrap the parser's buffer without copying, so the caller
 * gives each row its own copy of the line bytes (one allocation per row instead of one per string).
 */
final class AlbInternalRows {

  private AlbInternalRows() {}

  /** The value of schema column {@code col}, or null. */
  static Object value(AlbLogParser p, int col) {
    if (p.isNull(col)) {
      return null;
    }
    return switch (AlbLogSchema.kind(col)) {
      case STRING -> utf8(p, p.start(col), p.end(col));
      case INT -> p.intValue(col);
      case LONG, TIMESTAMP -> p.longValue(col);
      case DOUBLE -> p.doubleValue(col);
      case STRING_LIST -> stringArray(p, col);
      case INT_LIST -> intArray(p, col);
    };
  }

  private static UTF8String utf8(AlbLogParser p, int from, int to) {
    return UTF8String.fromBytes(p.buffer(), from, to - from);
  }

  private static GenericArrayData stringArray(AlbLogParser p, int col) {
    int[] items = AlbValues.listItems(p, col);
    Object[] out = new Object[items.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = utf8(p, items[2 * i], items[2 * i + 1]);
    }
    return new GenericArrayData(out);
  }

  private static GenericArrayData intArray(AlbLogParser p, int col) {
    int[] items = AlbValues.listItems(p, col);
    Object[] out = new Object[items.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = AlbValues.intItem(p.buffer(), items[2 * i], items[2 * i + 1]);
    }
    return new GenericArrayData(out);
  }
}
