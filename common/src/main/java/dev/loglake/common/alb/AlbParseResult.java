package dev.loglake.common.alb;

import java.util.Arrays;

/**
 * Outcome of parsing one line for plain-Java callers: either the 37 values (see {@link
 * AlbValues}) or the reason the line was rejected.
 */
public record AlbParseResult(Object[] values, String reason) {

  /** Parses one line with a fresh parser; for loops prefer one {@link AlbLogParser} per thread. */
  public static AlbParseResult parse(String line) {
    AlbLogParser parser = new AlbLogParser();
    return parser.parse(line)
        ? new AlbParseResult(AlbValues.of(parser), null)
        : new AlbParseResult(null, parser.rejectReason());
  }

  public boolean isRejected() {
    return reason != null;
  }

  /** The value of {@code column} (an {@link AlbLogSchema} name); fails on a rejected line. */
  public Object get(String column) {
    if (values == null) {
      throw new IllegalStateException("Line was rejected: " + reason);
    }
    return values[AlbLogSchema.ordinal(column)];
  }

  @Override
  public String toString() {
    return isRejected() ? "Rejected[" + reason + "]" : "Parsed" + Arrays.toString(values);
  }
}
