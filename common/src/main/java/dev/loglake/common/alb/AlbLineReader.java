package dev.loglake.common.alb;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * Streams lines as byte ranges of one reusable buffer (no String per line), so memory stays
 * constant whatever the file size. Lines end at {@code \n}; the parser ignores a trailing {@code
 * \r}. The buffer grows only for a line longer than it.
 */
public final class AlbLineReader implements Closeable {

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private int lineStart;
  private int lineEnd;
  private long lineNumber;
  private boolean eof;

  public AlbLineReader(InputStream in) {
    this.in = in;
  }

  /** Opens {@code raw}, gunzipping it when {@code fileName} ends with {@code .gz}. */
  public static AlbLineReader open(InputStream raw, String fileName) throws IOException {
    return open(raw, fileName, false);
  }

  /**
   * Like {@link #open(InputStream, String)}; with {@code inflateAhead} a {@code .gz} file is
   * gunzipped on a separate thread, overlapping with the caller's parsing (see {@link
   * AlbInflateAhead} for when that pays).
   */
  static AlbLineReader open(InputStream raw, String fileName, boolean inflateAhead)
      throws IOException {
    if (!fileName.endsWith(".gz")) {
      return new AlbLineReader(raw);
    }
    InputStream gunzip = new GZIPInputStream(raw, BUFFER);
    return new AlbLineReader(inflateAhead ? new AlbInflateAhead(gunzip, fileName) : gunzip);
  }

  /** Advances to the next line; false at the end of the input. */
  public boolean next() {
    try {
      while (true) {
        int i = AlbBytes.indexOf(buf, (byte) '\n', pos, limit);
        if (i >= 0) {
          return take(i, i + 1);
        }
        if (eof) {
          return pos < limit && take(limit, limit);
        }
        fill();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean take(int end, int nextPos) {
    lineStart = pos;
    lineEnd = end;
    pos = nextPos;
    lineNumber++;
    return true;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = java.util.Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** The buffer holding the current line; valid until the next call of {@link #next()}. */
  public byte[] buffer() {
    return buf;
  }

  public int lineStart() {
    return lineStart;
  }

  public int lineLength() {
    return lineEnd - lineStart;
  }

  /** 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
