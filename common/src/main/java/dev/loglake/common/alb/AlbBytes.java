package dev.loglake.common.alb;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte search eight bytes at a time (SWAR): the tokenizer and the line splitter spend most of
 * their time looking for spaces, quotes and newlines in long values (URLs, user agents, ARNs).
 */
final class AlbBytes {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private AlbBytes() {}

  /** The first index of {@code c} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, byte c, int from, int to) {
    long pattern = (c & 0xFFL) * ONES;
    int i = from;
    for (; i <= to - 8; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      // The lowest set high bit marks the first zero byte of x (borrows only corrupt later bytes).
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The first index of {@code c} or {@code d} in {@code b[from, to)}, or -1: one pass for both. */
  static int indexOfEither(byte[] b, byte c, byte d, int from, int to) {
    long cs = (c & 0xFFL) * ONES;
    long ds = (d & 0xFFL) * ONES;
    int i = from;
    for (; i <= to - 8; i += 8) {
      long w = (long) LONGS.get(b, i);
      long x = w ^ cs;
      long y = w ^ ds;
      // Each mask's lowest set bit is exact, so the lowest bit of their union is the first match.
      long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == c || b[i] == d) {
        return i;
      }
    }
    return -1;
  }
}
