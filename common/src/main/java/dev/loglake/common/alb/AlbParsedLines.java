package dev.loglake.common.alb;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Streams the files of one input partition, one after another, line by line (gunzipped if {@code
 * .gz}), through one {@link AlbLogParser}, and stops at each outcome: a parsed line inside the
 * requested time range, a rejected line of a file in range, or an unreadable file (reading goes
 * on with the next file). Parsed lines outside the time range are skipped before any value is
 * materialized. The Spark reader ({@link AlbPartitionReader}) turns outcomes into rows; {@link
 * AlbLineSource} hands them to code that needs no rows at all.
 *
 * <p>Not thread-safe; one instance per task.
 */
public final class AlbParsedLines implements Closeable {

  /** What {@link #next()} stopped at. */
  public enum Outcome {
    PARSED,
    REJECTED,
    /** The current file broke; the lines it gave before are not the whole file. */
    UNREADABLE_FILE
  }

  private static final int TIME = AlbLogSchema.ordinal(AlbLogSchema.TIME);

  private final List<AlbFileLister.InputFile> files;
  private final Configuration conf;
  private final long fromMicros;
  private final long toMicros;
  private final AlbLogParser parser = new AlbLogParser();
  private int nextFile;
  private AlbFileLister.InputFile file;
  private AlbLineReader lines;
  private String fileError;
  private long rejected;
  private long rejectedInFile;
  private int unreadableFiles;

  AlbParsedLines(
      List<AlbFileLister.InputFile> files, Configuration conf, long fromMicros, long toMicros) {
    this.files = files;
    this.conf = conf;
    this.fromMicros = fromMicros;
    this.toMicros = toMicros;
  }

  /** Advances to the next outcome; null when every file is done. */
  public Outcome next() {
    while (lines != null || nextFile < files.size()) {
      try {
        if (lines == null) {
          open(files.get(nextFile++));
        }
        Outcome o = nextLine();
        if (o != null) {
          return o;
        }
        AlbLineReader done = lines;
        lines = null;
        done.close();
        rejected += rejectedInFile;
        rejectedInFile = 0;
      } catch (IOException | UncheckedIOException e) {
        unreadable(e instanceof UncheckedIOException u ? u.getCause() : e);
        return Outcome.UNREADABLE_FILE;
      }
    }
    return null;
  }

  private void open(AlbFileLister.InputFile f) throws IOException {
    this.file = f;
    this.fileError = null;
    Path p = new Path(f.path());
    FileSystem fs = p.getFileSystem(conf);
    java.io.InputStream raw = fs.open(p, 1 << 16);
    try {
      this.lines = AlbLineReader.open(raw, p.getName());
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private Outcome nextLine() {
    while (lines.next()) {
      if (parser.parse(lines.buffer(), lines.lineStart(), lines.lineLength())) {
        long time = parser.longValue(TIME);
        if (time >= fromMicros && time < toMicros) {
          return Outcome.PARSED;
        }
      } else if (file.inRange()) {
        rejectedInFile++;
        return Outcome.REJECTED;
      }
    }
    return null;
  }

  /** Closes the broken file (ignoring further errors) and keeps its error. */
  private void unreadable(Throwable error) {
    unreadableFiles++;
    rejectedInFile = 0;
    fileError = error.getClass().getName() + ": " + error.getMessage();
    if (lines != null) {
      try {
        lines.close();
      } catch (IOException | RuntimeException ignored) {
        // The file is already reported as unreadable; a failing close adds nothing.
      }
      lines = null;
    }
  }

  /** The same files but {@code paths}, same time range, from the start. */
  public AlbParsedLines without(java.util.Set<String> paths) {
    return new AlbParsedLines(
        files.stream().filter(f -> !paths.contains(f.path())).toList(), conf, fromMicros, toMicros);
  }

  /** The parser holding the current line's values (after PARSED) or reject reason (REJECTED). */
  public AlbLogParser parser() {
    return parser;
  }

  /** The line reader of the current file (raw bytes and number of the current line). */
  AlbLineReader lines() {
    return lines;
  }

  /** The current file's path. */
  public String file() {
    return file.path();
  }

  /** After UNREADABLE_FILE: the error, class and message. */
  public String fileError() {
    return fileError;
  }

  /** Rejected lines of the files in range read to their end so far (a broken file's are not). */
  public long rejectedCount() {
    return rejected;
  }

  /** Unreadable files so far. */
  public int unreadableFileCount() {
    return unreadableFiles;
  }

  @Override
  public void close() throws IOException {
    if (lines != null) {
      lines.close();
      lines = null;
    }
  }
}
