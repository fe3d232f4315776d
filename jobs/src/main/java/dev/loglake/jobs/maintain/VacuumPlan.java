package dev.loglake.jobs.maintain;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Whether VACUUM would delete anything, decided from the table's newest commits alone (no listing of
 * the table's folder, no Spark job). A file a commit removed at time t becomes deletable at t +
 * retention; the last VACUUM (its {@code VACUUM END} commit at time v) deleted everything removed
 * before v - retention, and the last successful maintain run (started at l) found nothing removed
 * before l - retention that was left to delete. So a VACUUM is due when a commit that may have removed
 * files lies in (max(v, l) - retention, now - retention].
 *
 * <p>The commits are read newest first and only as far back as needed: up to the first removal that
 * is already deletable (due), or down to max(v, l) - retention (what lies before is covered). A log
 * that ends before that bound without reaching version 0 (its old commits cleaned up): what came
 * before is unknown, so vacuum.
 */
final class VacuumPlan {

  /** One commit: its commitInfo's version, timestamp, operation and {@code operationParameters['mode']}. */
  record Commit(long version, Instant timestamp, String operation, String mode) {}

  /** Operations that never remove a data file. */
  private static final Set<String> ADDS_ONLY = Set.of(
      "CREATE TABLE", "SET TBLPROPERTIES", "UNSET TBLPROPERTIES", "VACUUM START", "VACUUM END",
      "ADD COLUMNS", "CHANGE COLUMN", "UPGRADE PROTOCOL");

  private VacuumPlan() {}

  /**
   * @param newestFirst the table's commits, newest first; pulled only as far as needed
   * @param lastRun when the last successful maintain run started, if any
   */
  static boolean due(Iterator<Commit> newestFirst, Instant now, Duration retention, Optional<Instant> lastRun) {
    Instant deletableBefore = now.minus(retention);
    Instant coveredBefore = lastRun.map(l -> l.minus(retention)).orElse(Instant.MIN);
    boolean vacuumSeen = false;
    long oldest = -1;
    while (newestFirst.hasNext()) {
      Commit c = newestFirst.next();
      oldest = c.version();
      if (!vacuumSeen && c.operation().equals("VACUUM END")) {
        vacuumSeen = true;
        Instant byVacuum = c.timestamp().minus(retention);
        coveredBefore = byVacuum.isAfter(coveredBefore) ? byVacuum : coveredBefore;
      }
      if (!c.timestamp().isAfter(coveredBefore)) {
        return false;
      }
      if (mayRemoveFiles(c) && !c.timestamp().isAfter(deletableBefore)) {
        return true;
      }
    }
    return oldest > 0;
  }

  static boolean mayRemoveFiles(Commit c) {
    if (ADDS_ONLY.contains(c.operation())) {
      return false;
    }
    boolean append = "Append".equalsIgnoreCase(c.mode());
    return !(append && (c.operation().equals("WRITE") || c.operation().equals("STREAMING UPDATE")));
  }
}
