package dev.loglake.common.alb;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interval end time in an ALB access-log file name, {@code
 * <account>_elasticloadbalancing_<region>_app.<lb-id>_<end-time>_<ip>_<random>.log.gz} with {@code
 * end-time} = {@code yyyyMMddTHHmmZ}, the end of the 5-minute interval the file covers
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html).
 */
final class AlbFileNames {

  private static final Pattern END_TIME = Pattern.compile("_(\\d{8}T\\d{4})Z_");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");

  /**
   * The next day's files up to this interval end are read too: the file ending at 00:00 holds the
   * range's last five minutes, and the one ending at 00:05 what a node delivered a little late.
   */
  static final LocalTime NEXT_DAY_FIRST_FILES = LocalTime.of(0, 5);

  private AlbFileNames() {}

  /** The interval end time (UTC) of an ALB file name; empty when the name does not carry one. */
  static Optional<LocalDateTime> intervalEnd(String fileName) {
    Matcher m = END_TIME.matcher(fileName);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1), FORMAT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether a file is read, and as part of the range or as one of the next day's first files. */
  enum Choice {
    IN_RANGE,
    NEXT_DAY,
    OTHER_DAY
  }

  /** The file selection of one request: everything, or the range's files plus the next day's first. */
  record Selection(LocalDate from, LocalDate to) {

    static Selection of(AlbReadRequest request) {
      return new Selection(request.from(), request.to());
    }

    boolean ranged() {
      return from != null;
    }

    /** The {@code yyyy/MM/dd} folders to list below a date root: the range's and the next day's. */
    List<LocalDate> foldersToList() {
      List<LocalDate> days = new ArrayList<>();
      for (LocalDate day = from; !day.isAfter(to.plusDays(1)); day = day.plusDays(1)) {
        days.add(day);
      }
      return days;
    }

    /**
     * By the end time in the name; a file whose name has none is judged by its {@code yyyy/MM/dd}
     * folder ({@code folderDay}, null if none), and read when it has neither (its lines are still
     * kept by {@code time}).
     */
    Choice select(String fileName, LocalDate folderDay) {
      if (!ranged()) {
        return Choice.IN_RANGE;
      }
      Optional<LocalDateTime> end = intervalEnd(fileName);
      if (end.isEmpty()) {
        if (folderDay == null || !folderDay.isBefore(from) && !folderDay.isAfter(to)) {
          return Choice.IN_RANGE;
        }
        return folderDay.equals(to.plusDays(1)) ? Choice.NEXT_DAY : Choice.OTHER_DAY;
      }
      LocalDate day = end.get().toLocalDate();
      if (!day.isBefore(from) && !day.isAfter(to)) {
        return Choice.IN_RANGE;
      }
      boolean nextDayFirst =
          day.equals(to.plusDays(1)) && !end.get().toLocalTime().isAfter(NEXT_DAY_FIRST_FILES);
      return nextDayFirst ? Choice.NEXT_DAY : Choice.OTHER_DAY;
    }
  }
}
