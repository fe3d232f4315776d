package dev.loglake.common.alb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which objects are ALB access logs. A bucket's {@code AWSLogs/} tree also holds connection logs
 * ({@code conn_log.*}) and the one-line {@code ELBAccessLogTestFile}; reading those as access logs
 * yields garbage rows, so readers select by name first.
 */
public final class AlbFiles {

  private AlbFiles() {}

  /** True for {@code *.log.gz} and {@code *.log} names that are not connection logs or hidden. */
  public static boolean isAccessLogName(String fileName) {
    if (fileName.startsWith("conn_log") || fileName.startsWith(".") || fileName.startsWith("_")) {
      return false;
    }
    return fileName.endsWith(".log.gz") || fileName.endsWith(".log");
  }

  /** {@code path} itself if it is a file, else the access logs under it (recursive, sorted). */
  public static List<Path> localAccessLogs(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> isAccessLogName(p.getFileName().toString()))
          .sorted()
          .toList();
    }
  }
}
