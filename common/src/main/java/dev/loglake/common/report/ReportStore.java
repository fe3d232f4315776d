package dev.loglake.common.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes report files through the Hadoop FileSystem (local, {@code s3a://}, {@code s3://} on EMR).
 */
public final class ReportStore {

  private ReportStore() {}

  /**
   * Writes (overwrites) each file under {@code dir}, with {@code retry}; returns the full paths.
   */
  public static List<String> write(
      Configuration hadoop, String dir, List<ReportFile> files, Retry retry) {
    List<String> paths = new ArrayList<>();
    for (ReportFile file : files) {
      Path path = new Path(dir, file.name());
      retry.call(
          "write " + path,
          () -> {
            FileSystem fs = path.getFileSystem(hadoop);
            try (FSDataOutputStream out = fs.create(path, true)) {
              out.write(file.bytes());
            }
            return null;
          });
      paths.add(path.toString());
    }
    return paths;
  }
}
