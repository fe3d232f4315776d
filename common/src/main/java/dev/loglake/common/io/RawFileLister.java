package dev.loglake.common.io;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.dataset.RawSource;
import java.io.FileNotFoundException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists a dataset's raw files in the date folders of a range only (never the whole bucket, except
 * for layout {@code none}). Hidden files ({@code .x}, {@code _x}) and names the dataset's include
 * pattern rejects are skipped.
 */
public final class RawFileLister {

  private static final Logger LOG = LoggerFactory.getLogger(RawFileLister.class);

  private RawFileLister() {}

  public static List<RawFile> list(Configuration hadoop, RawSource source, DateRange range) {
    Path root = new Path(source.path());
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      List<RawFile> out = new ArrayList<>();
      for (Path dir : folders(fs, root, source.layout(), range)) {
        collect(fs, dir, source, out);
      }
      out.sort(java.util.Comparator.comparing(RawFile::path));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list raw files under " + source.path(), e);
    }
  }

  /**
   * The days that have a folder in the source's date layout (none for layout NONE). Only the date
   * folder levels are listed, never the files in them.
   */
  public static java.util.SortedSet<LocalDate> dateFolders(Configuration hadoop, RawSource source) {
    java.util.SortedSet<LocalDate> days = new java.util.TreeSet<>();
    if (source.layout() == RawSource.Layout.NONE) {
      return days;
    }
    Path root = new Path(source.path());
    String pattern =
        switch (source.layout()) {
          case HIVE -> "year=*/month=*/day=*";
          case SLASHED -> "*/*/*";
          case AWSLOGS -> "*/elasticloadbalancing/*/*/*/*";
          default -> throw new IllegalStateException("layout " + source.layout());
        };
    try {
      FileStatus[] matches = root.getFileSystem(hadoop).globStatus(new Path(root, pattern));
      for (FileStatus st : matches == null ? new FileStatus[0] : matches) {
        Path d = st.getPath();
        String text = d.getParent().getParent().getName() + "-" + d.getParent().getName() + "-" + d.getName();
        try {
          days.add(LocalDate.parse(text.replaceAll("(year|month|day)=", "")));
        } catch (java.time.DateTimeException e) {
          LOG.debug("Not a date folder: {}", d);
        }
      }
      return days;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the date folders under " + source.path(), e);
    }
  }

  /** The folders to list: one per day of the range in the layout, or the root itself. */
  static List<Path> folders(FileSystem fs, Path root, RawSource.Layout layout, DateRange range)
      throws IOException {
    List<Path> dirs = new ArrayList<>();
    if (layout == RawSource.Layout.NONE) {
      dirs.add(root);
      return dirs;
    }
    for (LocalDate day : range.days().toList()) {
      String y = String.format("%04d", day.getYear());
      String m = String.format("%02d", day.getMonthValue());
      String d = String.format("%02d", day.getDayOfMonth());
      switch (layout) {
        case HIVE -> dirs.add(new Path(root, "year=" + y + "/month=" + m + "/day=" + d));
        case SLASHED -> dirs.add(new Path(root, y + "/" + m + "/" + d));
        case AWSLOGS -> {
          FileStatus[] matches = fs.globStatus(new Path(root, "*/elasticloadbalancing/*/" + y + "/" + m + "/" + d));
          if (matches != null) {
            for (FileStatus st : matches) {
              dirs.add(st.getPath());
            }
          }
        }
        default -> throw new IllegalStateException("layout " + layout);
      }
    }
    return dirs;
  }

  private static void collect(FileSystem fs, Path dir, RawSource source, List<RawFile> out)
      throws IOException {
    RemoteIterator<LocatedFileStatus> it;
    try {
      it = fs.listFiles(dir, true);
    } catch (FileNotFoundException e) {
      LOG.debug("No folder {}", dir);
      return;
    }
    while (it.hasNext()) {
      LocatedFileStatus st = it.next();
      String name = st.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_") || !source.include().matcher(name).matches()) {
        continue;
      }
      out.add(new RawFile(st.getPath().toString(), st.getLen(), st.getModificationTime()));
    }
  }
}
