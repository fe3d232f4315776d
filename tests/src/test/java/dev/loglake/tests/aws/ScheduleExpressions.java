package dev.loglake.tests.aws;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedule expressions: {@code rate(1 hour)}, {@code rate(15 minutes)} and the
 * six-field {@code cron(min hour day-of-month month day-of-week year)} with exactly one of the two
 * day fields set to {@code ?}. Returns what is wrong, or empty when the expression is valid.
 */
final class ScheduleExpressions {

  private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
  private static final Pattern CRON = Pattern.compile("cron\\(([^)]*)\\)");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private ScheduleExpressions() {}

  static Optional<String> problem(String expr) {
    Matcher rate = RATE.matcher(expr);
    if (rate.matches()) {
      long n = Long.parseLong(rate.group(1));
      boolean plural = rate.group(2).endsWith("s");
      if (n < 1) {
        return Optional.of("a rate must be at least 1");
      }
      return (n == 1) == plural ? Optional.of("use the singular unit for 1 and the plural otherwise") : Optional.empty();
    }
    Matcher cron = CRON.matcher(expr);
    if (!cron.matches()) {
      return Optional.of("not rate(N unit) or cron(...)");
    }
    String[] f = cron.group(1).trim().split("\\s+");
    if (f.length != 6) {
      return Optional.of("cron needs 6 fields (minutes hours day-of-month month day-of-week year), got " + f.length);
    }
    if (f[2].equals("?") == f[4].equals("?")) {
      return Optional.of("exactly one of day-of-month and day-of-week must be ?");
    }
    String[] names = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    int[][] bounds = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}};
    for (int i = 0; i < 6; i++) {
      if (!field(f[i], i, bounds[i][0], bounds[i][1])) {
        return Optional.of("bad " + names[i] + " field: " + f[i]);
      }
    }
    return Optional.empty();
  }

  private static boolean field(String text, int index, int min, int max) {
    if (text.equals("?")) {
      return index == 2 || index == 4;
    }
    if (index == 2 && text.matches("L|LW|\\d{1,2}W")) {
      return !text.matches("\\d+W") || inRange(text.replace("W", ""), index, min, max);
    }
    if (index == 4 && text.matches("L|[1-7]L|[1-7]#[1-5]")) {
      return true;
    }
    for (String item : text.split(",", -1)) {
      String[] stepSplit = item.split("/", -1);
      if (stepSplit.length > 2 || (stepSplit.length == 2 && !stepSplit[1].matches("\\d+"))) {
        return false;
      }
      String range = stepSplit[0];
      if (range.equals("*")) {
        continue;
      }
      String[] ends = range.split("-", -1);
      if (ends.length > 2) {
        return false;
      }
      for (String end : ends) {
        if (!inRange(end, index, min, max)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean inRange(String value, int index, int min, int max) {
    if (index == 3 && MONTHS.contains(value)) {
      return true;
    }
    if (index == 4 && DAYS.contains(value)) {
      return true;
    }
    if (!value.matches("\\d{1,4}")) {
      return false;
    }
    int v = Integer.parseInt(value);
    return v >= min && v <= max;
  }
}
