package dev.loglake.common.alb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Streams one file (gunzipped if {@code .gz}) line by line through one {@link AlbLogParser} and
 * emits a row per line: parsed values, or the reject reason and raw line. Parsed rows outside the
 * requested time range are skipped here, before any value is materialized.
 */
final class AlbPartitionReader implements PartitionReader<InternalRow> {

  private static final int SOURCE_FILE = AlbLogSchema.COLUMN_COUNT;
  private static final int LINE_NUMBER = SOURCE_FILE + 1;
  private static final int REASON = SOURCE_FILE + 2;
  private static final int RAW_LINE = SOURCE_FILE + 3;
  private static final int TIME = AlbLogSchema.ordinal(AlbLogSchema.TIME);

  /** Serializable factory sent to executors. */
  record Factory(String[] columns, long fromMicros, long toMicros, AlbHadoopConf conf)
      implements PartitionReaderFactory {

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new AlbPartitionReader((AlbScan.FilePartition) partition, this);
    }
  }

  private final AlbScan.FilePartition file;
  private final Factory factory;
  private final int[] sources;
  private final boolean copyLines;
  private final UTF8String sourceFile;
  private final AlbLineReader lines;
  private final AlbLogParser parser = new AlbLogParser();
  private InternalRow current;

  AlbPartitionReader(AlbScan.FilePartition file, Factory factory) {
    this.file = file;
    this.factory = factory;
    this.sources = new int[factory.columns().length];
    boolean strings = false;
    for (int i = 0; i < sources.length; i++) {
      sources[i] = AlbDataSource.SCAN_SCHEMA.fieldIndex(factory.columns()[i]);
      boolean numeric = sources[i] < SOURCE_FILE && isNumeric(AlbLogSchema.kind(sources[i]));
      strings |= !numeric && sources[i] != LINE_NUMBER && sources[i] != SOURCE_FILE;
    }
    this.copyLines = strings;
    this.sourceFile = UTF8String.fromString(file.path());
    this.lines = open(file.path(), factory);
  }

  private static boolean isNumeric(AlbLogSchema.Kind kind) {
    return kind != AlbLogSchema.Kind.STRING
        && kind != AlbLogSchema.Kind.STRING_LIST
        && kind != AlbLogSchema.Kind.INT_LIST;
  }

  private static AlbLineReader open(String path, Factory factory) {
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(factory.conf().get());
      return AlbLineReader.open(fs.open(p, 1 << 16), p.getName());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open ALB log " + path, e);
    }
  }

  @Override
  public boolean next() {
    try {
      while (lines.next()) {
        if (parseLine()) {
          long time = parser.longValue(TIME);
          if (time >= factory.fromMicros() && time < factory.toMicros()) {
            current = row(false);
            return true;
          }
        } else if (file.inRange()) {
          current = row(true);
          return true;
        }
      }
      return false;
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(
          "Cannot read ALB log " + file.path() + " after line " + lines.lineNumber(), e.getCause());
    }
  }

  /** Parses the current line, on a private copy when string values will wrap its bytes. */
  private boolean parseLine() {
    byte[] buf = lines.buffer();
    int off = lines.lineStart();
    int len = lines.lineLength();
    if (copyLines) {
      return parser.parse(Arrays.copyOfRange(buf, off, off + len), 0, len);
    }
    return parser.parse(buf, off, len);
  }

  private InternalRow row(boolean rejected) {
    Object[] values = new Object[sources.length];
    for (int i = 0; i < values.length; i++) {
      int src = sources[i];
      if (src < SOURCE_FILE) {
        values[i] = rejected ? null : AlbInternalRows.value(parser, src);
      } else if (src == SOURCE_FILE) {
        values[i] = sourceFile;
      } else if (src == LINE_NUMBER) {
        values[i] = lines.lineNumber();
      } else if (src == REASON) {
        values[i] = rejected ? UTF8String.fromString(parser.rejectReason()) : null;
      } else if (src == RAW_LINE) {
        values[i] = rejected ? rawLine() : null;
      }
    }
    return new GenericInternalRow(values);
  }

  private UTF8String rawLine() {
    int off = lines.lineStart();
    byte[] copy = Arrays.copyOfRange(lines.buffer(), off, off + lines.lineLength());
    int n = copy.length;
    while (n > 0 && (copy[n - 1] == '\r')) {
      n--;
    }
    return UTF8String.fromBytes(copy, 0, n);
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
