package dev.loglake.common.alb;

import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeArrayWriter;
import org.apache.spark.sql.catalyst.expressions.codegen.UnsafeRowWriter;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Writes scan rows straight into one reused {@link UnsafeRow}, for the selected columns only:
 * values are copied once from the parser's line buffer into the row, with no boxing and no
 * intermediate objects. The returned row is valid until the next call (Spark copies rows it keeps).
 */
final class AlbUnsafeRows {

  private static final int COLS = AlbLogSchema.COLUMN_COUNT;
  static final int SOURCE_FILE = COLS;
  static final int LINE_NUMBER = COLS + 1;
  static final int REASON = COLS + 2;
  static final int RAW_LINE = COLS + 3;
  static final int FILE_ERROR = COLS + 4;
  private static final int ACTIONS = AlbLogSchema.ordinal(AlbLogSchema.ACTIONS_EXECUTED);

  /** Scan-schema ordinal of each output column. */
  private final int[] sources;

  private final AlbLogSchema.Kind[] kinds = new AlbLogSchema.Kind[COLS];
  private final UnsafeRowWriter writer;
  private final UnsafeArrayWriter stringItems;
  private final UnsafeArrayWriter intItems;

  AlbUnsafeRows(int[] sources) {
    this.sources = sources.clone();
    for (int c = 0; c < COLS; c++) {
      kinds[c] = AlbLogSchema.kind(c);
    }
    this.writer = new UnsafeRowWriter(sources.length, 1024);
    this.stringItems = new UnsafeArrayWriter(writer, 8);
    this.intItems = new UnsafeArrayWriter(writer, 4);
  }

  /** A parsed line: its values, the file and the line number. */
  UnsafeRow parsed(AlbLogParser p, UTF8String file, long line) {
    start();
    for (int i = 0; i < sources.length; i++) {
      int src = sources[i];
      if (src < COLS) {
        value(i, p, src);
      } else {
        lineage(i, src, file, line);
      }
    }
    return writer.getRow();
  }

  /** A rejected line: no values, the reason and the raw line (without a trailing CR). */
  UnsafeRow rejected(String reason, byte[] buf, int off, int len, UTF8String file, long line) {
    start();
    while (len > 0 && buf[off + len - 1] == '\r') {
      len--;
    }
    for (int i = 0; i < sources.length; i++) {
      int src = sources[i];
      if (src == REASON) {
        writer.write(i, UTF8String.fromString(reason));
      } else if (src == RAW_LINE) {
        writer.write(i, buf, off, len);
      } else {
        lineage(i, src, file, line);
      }
    }
    return writer.getRow();
  }

  /** The one row of an unreadable file: line 0, the error, nothing else. */
  UnsafeRow fileError(UTF8String file, String error) {
    start();
    for (int i = 0; i < sources.length; i++) {
      if (sources[i] == FILE_ERROR) {
        writer.write(i, UTF8String.fromString(error));
      } else {
        lineage(i, sources[i], file, 0L);
      }
    }
    return writer.getRow();
  }

  private void start() {
    writer.reset();
    writer.zeroOutNullBytes();
  }

  /** Source file and line number; every other column is null. */
  private void lineage(int i, int src, UTF8String file, long line) {
    if (src == SOURCE_FILE) {
      writer.write(i, file);
    } else if (src == LINE_NUMBER) {
      writer.write(i, line);
    } else {
      writer.setNullAt(i);
    }
  }

  private void value(int i, AlbLogParser p, int col) {
    if (p.isNull(col)) {
      writer.setNullAt(i);
      return;
    }
    switch (kinds[col]) {
      case STRING -> writer.write(i, p.buffer(), p.start(col), p.end(col) - p.start(col));
      case INT -> writer.write(i, p.intValue(col));
      case LONG, TIMESTAMP -> writer.write(i, p.longValue(col));
      case DOUBLE -> writer.write(i, p.doubleValue(col));
      case STRING_LIST -> list(i, p, col, stringItems, col == ACTIONS ? (byte) ',' : (byte) ' ');
      case INT_LIST -> list(i, p, col, intItems, (byte) ' ');
    }
  }

  /** A list column (see {@link AlbValues#listItems}); {@code -} int items are null elements. */
  private void list(int i, AlbLogParser p, int col, UnsafeArrayWriter items, byte sep) {
    byte[] b = p.buffer();
    int from = p.start(col);
    int to = p.end(col);
    int n = 0;
    if (from < to) {
      n = 1;
      for (int k = from; k < to; k++) {
        n += b[k] == sep ? 1 : 0;
      }
    }
    int previousCursor = writer.cursor();
    items.initialize(n);
    int item = 0;
    int itemFrom = from;
    for (int k = from; n > 0 && k <= to; k++) {
      if (k == to || b[k] == sep) {
        if (items == stringItems) {
          items.write(item, b, itemFrom, k - itemFrom);
        } else if (k - itemFrom == 1 && b[itemFrom] == '-') {
          items.setNull4Bytes(item);
        } else {
          items.write(item, (int) AlbNumbers.parseInt(b, itemFrom, k));
        }
        item++;
        itemFrom = k + 1;
      }
    }
    writer.setOffsetAndSizeFromPreviousCursor(i, previousCursor);
  }
}
