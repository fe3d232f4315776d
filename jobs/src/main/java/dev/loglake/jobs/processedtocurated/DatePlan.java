package dev.loglake.jobs.processedtocurated;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which output dates a model recomputes for the input dates that changed, and which input dates it
 * reads to do so. Output date d reads input dates d - before .. d + after (the model's {@code
 * reads-days-before/after}), so a change on input date x recomputes outputs x - after .. x +
 * before: a session model (before 1, after 1) recomputes the day before and after a changed day, as
 * a session crossing midnight belongs to its start date.
 */
public final class DatePlan {

  private DatePlan() {}

  /** The output dates to recompute: every date some changed input date of {@code model} affects. */
  public static SortedSet<LocalDate> outputDates(
      Model model, Map<TableRef, Set<LocalDate>> changed) {
    SortedSet<LocalDate> out = new TreeSet<>();
    for (TableRef input : model.dependsOn()) {
      for (LocalDate x : changed.getOrDefault(input, Set.of())) {
        out.addAll(window(x, model.readsDaysAfter(), model.readsDaysBefore()));
      }
    }
    return out;
  }

  /** The input dates computing {@code outputs} reads. */
  public static SortedSet<LocalDate> inputDates(Model model, Collection<LocalDate> outputs) {
    SortedSet<LocalDate> out = new TreeSet<>();
    for (LocalDate d : outputs) {
      out.addAll(window(d, model.readsDaysBefore(), model.readsDaysAfter()));
    }
    return out;
  }

  private static SortedSet<LocalDate> window(LocalDate d, int before, int after) {
    SortedSet<LocalDate> out = new TreeSet<>();
    for (LocalDate x = d.minusDays(before); !x.isAfter(d.plusDays(after)); x = x.plusDays(1)) {
      out.add(x);
    }
    return out;
  }
}
