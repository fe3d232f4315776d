package dev.loglake.common.alb;

import dev.loglake.common.config.DateRange;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * What an ALB read found: how many files and bytes it reads, how many of them belong to the range
 * (the others are the next day's first files), and what it saw but did not select, for a message
 * that says where the logs are when the range has none.
 *
 * @param path the path the read was given
 * @param from first day of the range (null without a range)
 * @param to last day of the range (null without a range)
 * @param files files read
 * @param bytes their total (compressed) length
 * @param filesInRange files of the range (without the next day's first files)
 * @param otherFileDates files seen and not part of the range, by the date in their name
 * @param dateFolders when no file of the range was found: the {@code yyyy/MM/dd} folders there are
 */
public record AlbInputs(
    String path,
    LocalDate from,
    LocalDate to,
    int files,
    long bytes,
    int filesInRange,
    SortedMap<LocalDate, Integer> otherFileDates,
    SortedSet<LocalDate> dateFolders) {

  static AlbInputs of(AlbReadRequest request, AlbFileLister.Listing listing) {
    List<AlbFileLister.InputFile> files = listing.files();
    return new AlbInputs(
        request.path(),
        request.from(),
        request.to(),
        files.size(),
        files.stream().mapToLong(AlbFileLister.InputFile::length).sum(),
        (int) files.stream().filter(AlbFileLister.InputFile::inRange).count(),
        listing.otherFileDates(),
        listing.dateFolders());
  }

  /** The range as a person writes it: {@code 2026-01-17} or {@code 2026-01-15..2026-01-17}. */
  public String range() {
    return new DateRange(from, to).toString();
  }

  /**
   * What was there instead and how to ask for it: "found 100 files dated 2026-01-16; use --date
   * 2026-01-16", or "found no ALB log files (*.log.gz, *.log) there".
   */
  public String seen() {
    if (!otherFileDates.isEmpty()) {
      int total = otherFileDates.values().stream().mapToInt(Integer::intValue).sum();
      String dates =
          otherFileDates.size() == 1
              ? otherFileDates.firstKey().toString()
              : otherFileDates.entrySet().stream()
                  .limit(10)
                  .map(e -> e.getKey() + " (" + e.getValue() + ")")
                  .collect(Collectors.joining(", "))
                  + (otherFileDates.size() > 10 ? ", ..." : "");
      return "found " + total + (total == 1 ? " file" : " files") + " dated " + dates + "; " + suggestion(
          otherFileDates.firstKey(), otherFileDates.lastKey());
    }
    if (!dateFolders.isEmpty()) {
      String dates =
          dateFolders.size() <= 10
              ? dateFolders.stream().map(LocalDate::toString).collect(Collectors.joining(", "))
              : dateFolders.size() + " days from " + dateFolders.first() + " to " + dateFolders.last();
      return "found date folders for " + dates + "; "
          + suggestion(dateFolders.first(), dateFolders.last());
    }
    return "found no ALB log files (*.log.gz, *.log) there";
  }

  private static String suggestion(LocalDate first, LocalDate last) {
    return "use " + new DateRange(first, last).asOptions();
  }

  /** input_files and input_bytes, for a job's SUMMARY. */
  public Map<String, Object> figures() {
    Map<String, Object> m = new java.util.LinkedHashMap<>(); // a fixed order on the SUMMARY line
    m.put("input_files", (long) files);
    m.put("input_bytes", bytes);
    return m;
  }
}
