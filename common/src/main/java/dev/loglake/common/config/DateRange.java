package dev.loglake.common.config;

import com.typesafe.config.Config;
import dev.loglake.common.error.EtlErrors;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;

/** An inclusive range of UTC dates. */
public record DateRange(LocalDate from, LocalDate to) implements java.io.Serializable {

  public DateRange {
    if (from.isAfter(to)) {
      throw EtlErrors.badValue("from/to", from + ".." + to, "--from on or before --to");
    }
  }

  public static DateRange of(LocalDate day) {
    return new DateRange(day, day);
  }

  /** Yesterday in UTC on {@code clock}: the default day of daily jobs. */
  public static LocalDate yesterday(Clock clock) {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
  }

  /**
   * Reads {@code <prefix>.date} or {@code <prefix>.from}/{@code <prefix>.to} (both needed); empty
   * when none is set. Setting a date and a range at once is an error.
   */
  public static Optional<DateRange> fromConfig(Config c, String prefix) {
    Optional<LocalDate> date = c.hasPath(prefix + ".date")
        ? Configs.optionalDate(c, prefix + ".date") : Optional.empty();
    Optional<LocalDate> from = Configs.optionalDate(c, prefix + ".from");
    Optional<LocalDate> to = Configs.optionalDate(c, prefix + ".to");
    if (date.isPresent() && (from.isPresent() || to.isPresent())) {
      throw EtlErrors.badValue(prefix + ".date", date.get(), "either --date or --from/--to, not both");
    }
    if (date.isPresent()) {
      return Optional.of(of(date.get()));
    }
    if (from.isPresent() != to.isPresent()) {
      String missing = from.isPresent() ? prefix + ".to" : prefix + ".from";
      throw EtlErrors.missingKey(missing, "--from and --to go together (both YYYY-MM-DD, inclusive).");
    }
    return from.map(f -> new DateRange(f, to.get()));
  }

  /** Every day of the range, in order. */
  public Stream<LocalDate> days() {
    return from.datesUntil(to.plusDays(1));
  }

  @Override
  public String toString() {
    return from.equals(to) ? from.toString() : from + ".." + to;
  }

  /** The options that ask for this range: {@code --date D} or {@code --from A --to B}. */
  public String asOptions() {
    return from.equals(to) ? "--date " + from : "--from " + from + " --to " + to;
  }
}
