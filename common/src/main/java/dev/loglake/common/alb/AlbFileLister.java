package dev.loglake.common.alb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists the access-log files of an {@link AlbReadRequest} with Hadoop's FileSystem (local, HDFS,
 * S3A), whatever the folder's shape: an {@code AWSLogs/} tree, a {@code yyyy/MM/dd} folder, a flat
 * folder (an {@code aws s3 cp --recursive} download) or a single file. With a date range it never
 * lists a whole {@code AWSLogs/} tree: below a folder that holds {@code yyyy} subfolders (the
 * {@code <region>} level) it lists only {@code yyyy/MM/dd} of the wanted days plus the next one.
 * Files are then selected by the interval end time in their name (see {@link AlbFileNames}).
 */
final class AlbFileLister {

  /** A file to read; {@code inRange} is false for the next day's first files. */
  record InputFile(String path, long length, boolean inRange) implements java.io.Serializable {}

  /**
   * The files found, every folder whose contents were listed (for tests and logs), and what was
   * seen but not selected: the files of other dates by the date in their name, and (only when no
   * file of the range was found) the day folders under {@code yyyy/MM/dd} trees.
   */
  record Listing(
      List<InputFile> files,
      List<String> listedFolders,
      SortedMap<LocalDate, Integer> otherFileDates,
      SortedSet<LocalDate> dateFolders) {

    Listing(List<InputFile> files, List<String> listedFolders) {
      this(files, listedFolders, new TreeMap<>(), new TreeSet<>());
    }
  }

  private final FileSystem fs;
  private final AlbFileNames.Selection selection;
  private final List<InputFile> files = new ArrayList<>();
  private final List<String> listed = new ArrayList<>();
  private final SortedMap<LocalDate, Integer> otherDates = new TreeMap<>();
  private final List<Path> dateRoots = new ArrayList<>();

  private AlbFileLister(FileSystem fs, AlbFileNames.Selection selection) {
    this.fs = fs;
    this.selection = selection;
  }

  static Listing list(Configuration conf, AlbReadRequest request) {
    try {
      Path root = new Path(request.path());
      AlbFileLister lister =
          new AlbFileLister(root.getFileSystem(conf), AlbFileNames.Selection.of(request));
      if (!request.files().isEmpty()) {
        for (String file : request.files()) {
          lister.addGiven(lister.fs.getFileStatus(new Path(file)));
        }
        return new Listing(List.copyOf(lister.files), List.of());
      }
      FileStatus status = lister.fs.getFileStatus(root);
      if (status.isFile()) {
        lister.addGiven(status); // a file named on the command line is read, whatever its name
      } else if (!request.hasDateRange()) {
        lister.listRecursively(root);
      } else {
        lister.walk(root);
      }
      lister.files.sort(Comparator.comparing(InputFile::path));
      SortedSet<LocalDate> folders = new TreeSet<>();
      if (lister.files.stream().noneMatch(InputFile::inRange)) {
        for (Path dateRoot : lister.dateRoots) {
          folders.addAll(lister.dayFolders(dateRoot));
        }
      }
      return new Listing(
          List.copyOf(lister.files), List.copyOf(lister.listed), lister.otherDates, folders);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list ALB logs under " + request.path(), e);
    }
  }

  /**
   * Descends to the files; below a folder with {@code yyyy} subfolders (a date root) only the day
   * folders of the range and the next day are listed when there is a range.
   */
  private void walk(Path dir) throws IOException {
    listed.add(dir.toString());
    FileStatus[] children = fs.listStatus(dir);
    boolean dateRoot = false;
    for (FileStatus child : children) {
      dateRoot |= child.isDirectory() && child.getPath().getName().matches("\\d{4}");
    }
    if (dateRoot) {
      dateRoots.add(dir);
      for (LocalDate day : selection.foldersToList()) {
        Path folder = new Path(dir, dayPath(day));
        if (fs.exists(folder)) {
          listRecursively(folder);
        }
      }
      return;
    }
    for (FileStatus child : children) {
      if (child.isDirectory()) {
        walk(child.getPath());
      } else {
        add(child);
      }
    }
  }

  private void listRecursively(Path dir) throws IOException {
    listed.add(dir.toString());
    if ("file".equals(fs.getScheme())) {
      walkLocal(dir);
      return;
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      add(it.next());
    }
  }

  /**
   * {@code listFiles} on the local file system builds a {@code LocatedFileStatus} per file, whose
   * permissions Hadoop loads by forking {@code ls} when its native library is missing (one process
   * per file, seen in profiles of query planning); plain {@code listStatus} only stats.
   */
  private void walkLocal(Path dir) throws IOException {
    for (FileStatus child : fs.listStatus(dir)) {
      if (child.isDirectory()) {
        walkLocal(child.getPath());
      } else {
        add(child);
      }
    }
  }

  private void add(FileStatus f) {
    String name = f.getPath().getName();
    if (!AlbFiles.isAccessLogName(name)) {
      return;
    }
    LocalDate folderDay = dayOfFolder(f.getPath().getParent());
    AlbFileNames.Choice choice = selection.select(name, folderDay);
    if (choice != AlbFileNames.Choice.IN_RANGE) {
      LocalDate day =
          AlbFileNames.intervalEnd(name).map(java.time.LocalDateTime::toLocalDate).orElse(folderDay);
      otherDates.merge(day, 1, Integer::sum);
    }
    if (choice != AlbFileNames.Choice.OTHER_DAY) {
      boolean inRange = choice == AlbFileNames.Choice.IN_RANGE;
      files.add(new InputFile(f.getPath().toString(), f.getLen(), inRange));
    }
  }

  private void addGiven(FileStatus st) {
    files.add(new InputFile(st.getPath().toString(), st.getLen(), true));
  }

  /** The dates of the {@code yyyy/MM/dd} folders under a date root: three levels, no files. */
  private List<LocalDate> dayFolders(Path dateRoot) throws IOException {
    List<LocalDate> days = new ArrayList<>();
    for (FileStatus y : fs.listStatus(dateRoot)) {
      if (!y.isDirectory() || !y.getPath().getName().matches("\\d{4}")) {
        continue;
      }
      for (FileStatus m : fs.listStatus(y.getPath())) {
        if (!m.isDirectory() || !m.getPath().getName().matches("\\d{2}")) {
          continue;
        }
        for (FileStatus d : fs.listStatus(m.getPath())) {
          LocalDate day = dayOfFolder(d.getPath());
          if (d.isDirectory() && day != null) {
            days.add(day);
          }
        }
      }
    }
    return days;
  }

  private static String dayPath(LocalDate day) {
    return String.format("%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  /** The date of a {@code yyyy/MM/dd} folder, or null when {@code p} is not one. */
  static LocalDate dayOfFolder(Path p) {
    Path month = p == null ? null : p.getParent();
    Path year = month == null ? null : month.getParent();
    if (year == null
        || !p.getName().matches("\\d{2}")
        || !month.getName().matches("\\d{2}")
        || !year.getName().matches("\\d{4}")) {
      return null;
    }
    try {
      return LocalDate.of(
          Integer.parseInt(year.getName()),
          Integer.parseInt(month.getName()),
          Integer.parseInt(p.getName()));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
