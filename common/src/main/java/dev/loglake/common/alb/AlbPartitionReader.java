package dev.loglake.common.alb;

import java.io.IOException;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Emits a row per outcome of {@link AlbParsedLines} over the files of one {@link
 * AlbScan.FileGroup}: parsed values, or the reject reason and raw line, or one file-error row for a
 * file that cannot be read (see {@link AlbDataSource} for the contract).
 */
final class AlbPartitionReader implements PartitionReader<InternalRow> {

  /** Serializable factory sent to executors. */
  record Factory(String[] columns, long fromMicros, long toMicros, AlbHadoopConf conf)
      implements PartitionReaderFactory {

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      return new AlbPartitionReader(((AlbScan.FileGroup) partition), this);
    }
  }

  private final AlbParsedLines lines;
  private final AlbUnsafeRows rows;
  private String path;
  private UTF8String sourceFile;
  private InternalRow current;

  AlbPartitionReader(AlbScan.FileGroup group, Factory factory) {
    this.lines =
        new AlbParsedLines(
            group.files(), factory.conf().get(), factory.fromMicros(), factory.toMicros());
    int[] sources = new int[factory.columns().length];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = AlbDataSource.SCAN_SCHEMA.fieldIndex(factory.columns()[i]);
    }
    this.rows = new AlbUnsafeRows(sources);
  }

  @Override
  public boolean next() {
    AlbParsedLines.Outcome outcome = lines.next();
    if (outcome == null) {
      return false;
    }
    if (!lines.file().equals(path)) {
      path = lines.file();
      sourceFile = UTF8String.fromString(path);
    }
    AlbLogParser parser = lines.parser();
    current =
        switch (outcome) {
          case PARSED -> rows.parsed(parser, sourceFile, lines.lines().lineNumber());
          case REJECTED -> {
            AlbLineReader l = lines.lines();
            yield rows.rejected(
                parser.rejectReason(),
                l.buffer(),
                l.lineStart(),
                l.lineLength(),
                sourceFile,
                l.lineNumber());
          }
          case UNREADABLE_FILE -> rows.fileError(sourceFile, lines.fileError());
        };
    return true;
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
