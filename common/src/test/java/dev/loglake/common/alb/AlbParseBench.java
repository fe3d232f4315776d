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
 * floor; {@code --inflate-thread} gunzips on a second thread ahead of the parsing one. Prints one {@code key=value} line for scripts/bench-alb-parse.sh.
 */
final class AlbParseBench {

  private AlbParseBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    List<String> flags = List.of(args).subList(1, args.length);
    boolean parse = !flags.contains("--gunzip-only");
    boolean inflateAhead = flags.contains("--inflate-thread");
    List<Path> files = AlbFiles.localAccessLogs(dir);
    AlbLogParser parser = new AlbLogParser();
    long bytes = 0;
    long lines = 0;
    long rejected = 0;
    long t0 = System.nanoTime();
    for (Path file : files) {
      try (InputStream raw = Files.newInputStream(file);
          AlbLineReader reader =
              AlbLineReader.open(raw, file.getFileName().toString(), inflateAhead)) {
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
        "mode=%s%s files=%d lines=%d rejected=%d uncompressed_bytes=%d seconds=%.3f mb_per_s=%.1f"
            + " max_heap_mb=%d%n",
        parse ? "parse" : "gunzip", inflateAhead ? "+inflate-thread" : "", files.size(), lines, rejected, bytes, seconds,
        bytes / 1e6 / seconds, Runtime.getRuntime().maxMemory() >> 20);
  }
}
