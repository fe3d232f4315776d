package dev.loglake.common.alb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the access-log files of an {@link AlbReadRequest} with Hadoop's FileSystem (local, HDFS,
 * S3A). With a date range it never lists a whole tree: it finds the folders that hold {@code yyyy}
 * subfolders (the {@code <region>} level) and lists only {@code yyyy/MM/dd} of the wanted days
 * plus the next one.
 */
final class AlbFileLister {

  /** A file to read; {@code inRange} is false for files of the extra next-day folder. */
  record InputFile(String path, long length, boolean inRange) implements java.io.Serializable {}

  /** The files found and every folder whose contents were listed (for tests and logs). */
  record Listing(List<InputFile> files, List<String> listedFolders) {}

  private final FileSystem fs;
  private final List<InputFile> files = new ArrayList<>();
  private final List<String> listed = new ArrayList<>();

  private AlbFileLister(FileSystem fs) {
    this.fs = fs;
  }

  static Listing list(Configuration conf, AlbReadRequest request) {
    try {
      Path root = new Path(request.path());
      AlbFileLister lister = new AlbFileLister(root.getFileSystem(conf));
      if (!request.files().isEmpty()) {
        for (String file : request.files()) {
          FileStatus st = lister.fs.getFileStatus(new Path(file));
          lister.files.add(new InputFile(st.getPath().toString(), st.getLen(), true));
        }
        return new Listing(List.copyOf(lister.files), List.of());
      }
      FileStatus status = lister.fs.getFileStatus(root);
      if (status.isFile()) {
        lister.files.add(new InputFile(status.getPath().toString(), status.getLen(), true));
      } else if (!request.hasDateRange() || isDayFolder(root)) {
        lister.listRecursively(root, true);
      } else {
        lister.listDateRoots(root, request.from(), request.to());
      }
      lister.files.sort(java.util.Comparator.comparing(InputFile::path));
      return new Listing(List.copyOf(lister.files), List.copyOf(lister.listed));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list ALB logs under " + request.path(), e);
    }
  }

  private void listDateRoots(Path dir, LocalDate from, LocalDate to) throws IOException {
    listed.add(dir.toString());
    FileStatus[] children = fs.listStatus(dir);
    boolean dateRoot = false;
    for (FileStatus child : children) {
      dateRoot |= child.isDirectory() && child.getPath().getName().matches("\\d{4}");
    }
    if (dateRoot) {
      for (LocalDate day = from; !day.isAfter(to.plusDays(1)); day = day.plusDays(1)) {
        Path folder = new Path(dir, String.format("%04d/%02d/%02d", day.getYear(),
            day.getMonthValue(), day.getDayOfMonth()));
        if (fs.exists(folder)) {
          listRecursively(folder, !day.isAfter(to));
        }
      }
      return;
    }
    for (FileStatus child : children) {
      if (child.isDirectory()) {
        listDateRoots(child.getPath(), from, to);
      }
    }
  }

  private void listRecursively(Path dir, boolean inRange) throws IOException {
    listed.add(dir.toString());
    if ("file".equals(fs.getScheme())) {
      walkLocal(dir, inRange);
      return;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      add(it.next(), inRange);
    }
  }

  /**
   * {@code listFiles} on the local file system builds a {@code LocatedFileStatus} per file, whose
   * permissions Hadoop loads by forking {@code ls} when its native library is missing (one process
   * per file, seen in profiles of query planning); plain {@code listStatus} only stats.
   */
  private void walkLocal(Path dir, boolean inRange) throws IOException {
    for (FileStatus child : fs.listStatus(dir)) {
      if (child.isDirectory()) {
        walkLocal(child.getPath(), inRange);
      } else {
        add(child, inRange);
      }
    }
  }

  private void add(FileStatus f, boolean inRange) {
    if (AlbFiles.isAccessLogName(f.getPath().getName())) {
      files.add(new InputFile(f.getPath().toString(), f.getLen(), inRange));
    }
  }

  private static boolean isDayFolder(Path p) {
    Path month = p.getParent();
    Path year = month == null ? null : month.getParent();
    return year != null
        && p.getName().matches("\\d{2}")
        && month.getName().matches("\\d{2}")
        && year.getName().matches("\\d{4}");
  }
}
