package dev.loglake.common.alb;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Throwaway stand-in for {@code scripts/loglake generate-sample-data} when that is not available:
 * writes {@code files} gzip access logs of random valid lines (plus a conn_log file the readers
 * must skip) under {@code DIR/AWSLogs/.../yyyy/MM/dd/}. Usage: {@code DIR TOTAL_MB [FILES]}.
 */
final class AlbBenchDataGenerator {

  private AlbBenchDataGenerator() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    long total = Long.parseLong(args[1]) << 20;
    int files = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path day = Files.createDirectories(
        root.resolve("AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/03/01"));
    AlbLineGenerator gen = new AlbLineGenerator(2024);
    for (int f = 0; f < files; f++) {
      String name = String.format(
          "123456789012_elasticloadbalancing_us-east-1_app.bench.50dc6c495c0c9188_20240301T%02d00Z"
              + "_10.0.0.%d_r%d.log.gz", f % 24, f, f);
      long written = 0;
      try (OutputStream out = new BufferedOutputStream(
          new GZIPOutputStream(Files.newOutputStream(day.resolve(name)), 1 << 16), 1 << 16)) {
        while (written < total / files) {
          byte[] line = (gen.next().line() + "\n").getBytes(StandardCharsets.UTF_8);
          out.write(line);
          written += line.length;
        }
      }
    }
    Files.write(day.resolve("conn_log.123456789012_elasticloadbalancing_x.log.gz"), new byte[0]);
    System.out.println("generated " + files + " files, ~" + (total >> 20) + " MiB under " + root);
  }
}
