package dev.loglake.jobs.sample;

import java.io.Closeable;
import java.io.File;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Writes text lines to one file through a Hadoop {@link FileSystem}, optionally gzip-compressed,
 * and counts lines and bytes on the way. Lines are encoded to UTF-8 into a reused byte buffer
 * (ASCII, which is almost everything here, is copied char by char without temporary strings).
 */
final class LineSink implements Closeable {

  private static final int BUFFER_BYTES = 256 * 1024;

  private final CountingOutputStream stored;
  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER_BYTES];
  private char[] chars = new char[2048];
  private int used;
  private long lines;
  private long uncompressedBytes;
  private boolean closed;

  private LineSink(CountingOutputStream stored, OutputStream out) {
    this.stored = stored;
    this.out = out;
  }

  /** Creates (or overwrites) {@code path}; gzip output uses a fast deflate level. */
  static LineSink create(FileSystem fs, Path path, boolean gzip) throws IOException {
    CountingOutputStream stored = new CountingOutputStream(openForWrite(fs, path));
    OutputStream out = gzip ? new FastGzipOutputStream(stored) : stored;
    return new LineSink(stored, out);
  }

  /**
   * Opens through Hadoop, except on the raw local file system: without the native libhadoop, its
   * {@code create} forks a {@code chmod} process for every file, which took about a third of the
   * generation time. Plain Java I/O writes the same bytes with the same umask-derived mode.
   */
  private static OutputStream openForWrite(FileSystem fs, Path path) throws IOException {
    if (fs instanceof RawLocalFileSystem local) {
      File file = local.pathToFile(path);
      Files.createDirectories(file.toPath().getParent());
      return new FileOutputStream(file);
    }
    return fs.create(path, true);
  }

  void writeLine(CharSequence line) throws IOException {
    int length = copyChars(line);
    if (used + length * 3 + 1 > buffer.length) {
      drain();
      if (length * 3 + 1 > buffer.length) {
        writeLargeLine(line);
        return;
      }
    }
    for (int i = 0; i < length; i++) {
      char c = chars[i];
      if (c >= 0x80) {
        used = appendUtf8(new String(chars, i, length - i), used);
        break;
      }
      buffer[used++] = (byte) c;
    }
    buffer[used++] = '\n';
    lines++;
  }

  /**
   * Copies the line into {@link #chars} in bulk: per-char {@code CharSequence.charAt} calls are
   * megamorphic here (StringBuilder, StringBuffer, String) and cost more than the whole encoding.
   */
  private int copyChars(CharSequence line) {
    int length = line.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    if (line instanceof StringBuilder builder) {
      builder.getChars(0, length, chars, 0);
    } else if (line instanceof StringBuffer buffered) {
      buffered.getChars(0, length, chars, 0);
    } else {
      line.toString().getChars(0, length, chars, 0);
    }
    return length;
  }

  /** Closes the file and returns its counts ({@code files} = 1). */
  FileStats finish() throws IOException {
    close();
    return new FileStats(1, lines, stored.count(), uncompressedBytes);
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    drain();
    out.close();
  }

  private int appendUtf8(String rest, int at) {
    byte[] encoded = rest.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(encoded, 0, buffer, at, encoded.length);
    return at + encoded.length;
  }

  private void writeLargeLine(CharSequence line) throws IOException {
    byte[] encoded = (line + "\n").getBytes(StandardCharsets.UTF_8);
    out.write(encoded);
    uncompressedBytes += encoded.length;
    lines++;
  }

  private void drain() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      uncompressedBytes += used;
      used = 0;
    }
  }

  /**
   * Gzip at {@link Deflater#BEST_SPEED}: about three times faster than the default level for a few
   * percent larger files, which keeps gigabyte benchmark inputs quick to produce. The gzip header
   * carries no timestamp, so output stays byte-identical between runs.
   */
  private static final class FastGzipOutputStream extends GZIPOutputStream {
    FastGzipOutputStream(OutputStream out) throws IOException {
      super(out, 64 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    private long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    long count() {
      return count;
    }
  }
}
