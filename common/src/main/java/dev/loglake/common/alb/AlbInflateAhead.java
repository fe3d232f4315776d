package dev.loglake.common.alb;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads {@code source} (a gunzipping stream) on a separate thread, a few chunks ahead of the
 * caller, so that inflating the next chunk overlaps with parsing the current one. Memory is fixed:
 * {@value #CHUNKS} chunks of {@value #CHUNK} bytes, recycled. It only pays when a core is idle (a
 * single reader); with as many parsing tasks as cores it adds hand-over cost for nothing.
 */
final class AlbInflateAhead extends InputStream {

  static final int CHUNK = 1 << 17;
  static final int CHUNKS = 8;

  /** A filled chunk, the end of the input ({@code length} -1), or the source's failure. */
  private record Chunk(byte[] bytes, int length, IOException error) {}

  private final InputStream source;
  private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread reader;
  private Chunk current;
  private int pos;

  AlbInflateAhead(InputStream source, String name) {
    this.source = source;
    for (int i = 0; i < CHUNKS - 1; i++) {
      free.add(new byte[CHUNK]);
    }
    this.reader = new Thread(this::readAhead, "alb-inflate-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void readAhead() {
    try {
      while (true) {
        byte[] chunk = free.take();
        int n = source.readNBytes(chunk, 0, chunk.length);
        if (n == 0) {
          filled.put(new Chunk(chunk, -1, null));
          return;
        }
        filled.put(new Chunk(chunk, n, null));
      }
    } catch (IOException e) {
      filled.offer(new Chunk(null, -1, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed by the consumer
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (current != null && pos == current.length()) {
      free.offer(current.bytes());
      current = null;
    }
    if (current == null) {
      try {
        current = filled.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while waiting for inflated data");
      }
      pos = 0;
      if (current.error() != null) {
        throw current.error();
      }
    }
    if (current.length() < 0) {
      return -1;
    }
    int n = Math.min(len, current.length() - pos);
    System.arraycopy(current.bytes(), pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public void close() throws IOException {
    reader.interrupt();
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
