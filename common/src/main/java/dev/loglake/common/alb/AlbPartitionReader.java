package dev.loglake.common.alb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Streams the files of one {@link AlbScan.FileGroup}, one after another, line by line (gunzipped
 * if {@code .gz}) through one {@link AlbLogParser}, and emits a row per line: parsed values, or the
 * reject reason and raw line. Parsed rows outside the requested time range are skipped here,
 * before any value is materialized. A file that cannot be read ends with one file-error row and
 * reading goes on with the next file (see {@link AlbDataSource} for the contract).
 */
final class AlbPartitionReader implements PartitionReader<InternalRow> {

  private static final int TIME = AlbLogSchema.ordinal(AlbLogSchema.TIME);

  /** Serializable factory sent to executors. */
  record Factory(String[] columns, long fromMicros, long toMicros, AlbHadoopConf conf)
      implements PartitionReaderFactory {

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new AlbPartitionReader(((AlbScan.FileGroup) partition).files(), this);
    }
  }

  private final List<AlbFileLister.InputFile> files;
  private final Factory factory;
  private final AlbUnsafeRows rows;
  private final AlbLogParser parser = new AlbLogParser();
  private int nextFile;
  private AlbFileLister.InputFile file;
  private UTF8String sourceFile;
  private AlbLineReader lines;
  private InternalRow current;

  AlbPartitionReader(List<AlbFileLister.InputFile> files, Factory factory) {
    this.files = files;
    this.factory = factory;
    int[] sources = new int[factory.columns().length];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = AlbDataSource.SCAN_SCHEMA.fieldIndex(factory.columns()[i]);
    }
    this.rows = new AlbUnsafeRows(sources);
  }

  @Override
  public boolean next() {
    while (lines != null || nextFile < files.size()) {
      try {
        if (lines == null) {
          open(files.get(nextFile++));
        }
        if (nextLine()) {
          return true;
        }
        AlbLineReader done = lines;
        lines = null;
        done.close();
      } catch (IOException | UncheckedIOException e) {
        current = unreadable(e instanceof UncheckedIOException u ? u.getCause() : e);
        return true;
      }
    }
    return false;
  }

  private void open(AlbFileLister.InputFile f) throws IOException {
    this.file = f;
    this.sourceFile = UTF8String.fromString(f.path());
    Path p = new Path(f.path());
    FileSystem fs = p.getFileSystem(factory.conf().get());
    java.io.InputStream raw = fs.open(p, 1 << 16);
    try {
      this.lines = AlbLineReader.open(raw, p.getName());
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** Advances to the next row of the open file; false at its end. */
  private boolean nextLine() {
    long from = factory.fromMicros();
    long to = factory.toMicros();
    while (lines.next()) {
      byte[] buf = lines.buffer();
      int off = lines.lineStart();
      int len = lines.lineLength();
      if (parser.parse(buf, off, len)) {
        long time = parser.longValue(TIME);
        if (time >= from && time < to) {
          current = rows.parsed(parser, sourceFile, lines.lineNumber());
          return true;
        }
      } else if (file.inRange()) {
        current = rows.rejected(
            parser.rejectReason(), buf, off, len, sourceFile, lines.lineNumber());
        return true;
      }
    }
    return false;
  }

  /** Closes the broken file (ignoring further errors) and builds its file-error row. */
  private InternalRow unreadable(Throwable error) {
    if (lines != null) {
      try {
        lines.close();
      } catch (IOException | RuntimeException ignored) {
        // The file is already reported as unreadable; a failing close adds nothing.
      }
      lines = null;
    }
    return rows.fileError(sourceFile, error.getClass().getName() + ": " + error.getMessage());
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
    }
  }
}
