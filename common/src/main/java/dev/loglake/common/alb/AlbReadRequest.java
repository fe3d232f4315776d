package dev.loglake.common.alb;

import java.time.LocalDate;
import java.util.List;

/**
 * What to read: {@code path} is a file, a folder, or any prefix of an {@code
 * AWSLogs/<account>/elasticloadbalancing/<region>/} tree. With {@code from}/{@code to} (inclusive
 * UTC dates, both or neither) only the {@code yyyy/MM/dd} folders of those days plus the day after
 * {@code to} are listed, because ALB delivers a file under the date it was written, up to minutes
 * after the entries' {@code time}; rows are then kept only if {@code time} falls in the range.
 */
public record AlbReadRequest(String path, LocalDate from, LocalDate to, List<String> files) {

  public AlbReadRequest(String path, LocalDate from, LocalDate to) {
    this(path, from, to, List.of());
  }

  public AlbReadRequest {
    files = List.copyOf(files);
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("ALB read path must be set");
    }
    if ((from == null) != (to == null)) {
      throw new IllegalArgumentException(
          "ALB date range needs both from and to, got from=" + from + " to=" + to);
    }
    if (from != null && from.isAfter(to)) {
      throw new IllegalArgumentException("ALB date range from=" + from + " is after to=" + to);
    }
  }

  /** Everything under {@code path}. */
  public static AlbReadRequest all(String path) {
    return new AlbReadRequest(path, null, null);
  }

  /**
   * Exactly these files, whatever their names and folders (raw-to-processed reads the files its
   * ledger has not seen); every entry is kept.
   */
  public static AlbReadRequest files(List<String> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("ALB read needs at least one file");
    }
    return new AlbReadRequest(files.get(0), null, null, files);
  }

  /** Entries whose {@code time} is on one of the days {@code from..to} (UTC). */
  public static AlbReadRequest between(String path, LocalDate from, LocalDate to) {
    return new AlbReadRequest(path, from, to);
  }

  public boolean hasDateRange() {
    return from != null;
  }

  /** Inclusive lower bound of {@code time} in micros since the epoch. */
  long fromMicros() {
    return hasDateRange() ? from.toEpochDay() * 86_400_000_000L : Long.MIN_VALUE;
  }

  /** Exclusive upper bound of {@code time} in micros since the epoch. */
  long toMicrosExclusive() {
    return hasDateRange() ? to.plusDays(1).toEpochDay() * 86_400_000_000L : Long.MAX_VALUE;
  }
}
