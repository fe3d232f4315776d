package dev.loglake.common.alb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Single-threaded parse of every access log under a folder (gunzip + line split + tokenize), the
 * way a plain Java loop would do it. {@code --gunzip-only} skips parsing to show the Java inflate
 * floor. Prints one {@code key=value} line for scripts/bench-alb-parse.sh.
 */
final class AlbParseBench {

  private AlbParseBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    boolean parse = !(args.length > 1 && args[1].equals("--gunzip-only"));
    List<Path> files = AlbFiles.localAccessLogs(dir);
    AlbLogParser parser = new AlbLogParser();
    long bytes = 0;
    long lines = 0;
    long rejected = 0;
    long t0 = System.nanoTime();
    for (Path file : files) {
      try (InputStream raw = Files.newInputStream(file);
          AlbLineReader reader = AlbLineReader.open(raw, file.getFileName().toString())) {
        while (reader.next()) {
          lines++;
          bytes += reader.lineLength() + 1;
          if (parse && !parser.parse(reader.buffer(), reader.lineStart(), reader.lineLength())) {
            rejected++;
          }
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT,
        "mode=%s files=%d lines=%d rejected=%d uncompressed_bytes=%d seconds=%.3f mb_per_s=%.1f"
            + " max_heap_mb=%d%n",
        parse ? "parse" : "gunzip", files.size(), lines, rejected, bytes, seconds,
        bytes / 1e6 / seconds, Runtime.getRuntime().maxMemory() >> 20);
  }
}
