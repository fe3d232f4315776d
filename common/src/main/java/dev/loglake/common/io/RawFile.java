package dev.loglake.common.io;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A raw file as listed: its identity in the ledger is (path, size, modification time). */
public record RawFile(String path, long size, long modificationTime) implements Serializable {

  private static final Pattern HIVE_DAY = Pattern.compile("/year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})/");
  private static final Pattern SLASHED_DAY = Pattern.compile("/(\\d{4})/(\\d{2})/(\\d{2})/");

  /**
   * The day the ledger files this file under ({@link Ledger#DATE}): that of its date folder, else the
   * UTC day of its modification time. A function of the file's identity only, so the same file always
   * lands in, and is looked up in, the same ledger partition.
   */
  public LocalDate date() {
    return dateOf(path, modificationTime);
  }

  /**
   * The date of the last date folder in {@code path} ({@code year=YYYY/month=MM/day=DD} first, else
   * {@code YYYY/MM/DD}: the Hive, slashed and AWSLogs layouts), else the UTC day of {@code
   * modificationTime} (files of layout {@code none}). The last folder, not the first: a dataset's
   * root may itself hold a date ({@code s3://b/export/2020/01/01/}), its date folders come after it.
   */
  public static LocalDate dateOf(String path, long modificationTime) {
    LocalDate hive = lastDate(HIVE_DAY, path);
    if (hive != null) {
      return hive;
    }
    LocalDate slashed = lastDate(SLASHED_DAY, path);
    return slashed != null ? slashed : LocalDate.ofInstant(Instant.ofEpochMilli(modificationTime), ZoneOffset.UTC);
  }

  private static LocalDate lastDate(Pattern pattern, String path) {
    LocalDate last = null;
    Matcher m = pattern.matcher(path);
    int from = 0;
    // Matches may share their slashes (/2024/03/10/2024/...): search again from just after each start.
    while (from < path.length() && m.find(from)) {
      try {
        last = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      } catch (DateTimeException e) {
        // Not a calendar date (2024/13/45): not a date folder.
      }
      from = m.start() + 1;
    }
    return last;
  }
}
