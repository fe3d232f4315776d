package dev.loglake.jobs.maintain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether VACUUM would delete anything, decided from the table's commit history alone (no listing
 * of the table's folder). A file a commit removed at time t becomes deletable at t + retention; the
 * last VACUUM (its {@code VACUUM END} commit at time v) deleted everything removed before v -
 * retention. So a VACUUM is due when a commit that may have removed files lies in (v - retention,
 * now - retention]. Without a VACUUM in a history that does not start at version 0 the answer is
 * yes: what came before is unknown.
 */
final class VacuumPlan {

  /** One commit of {@code DeltaTable.history()}. */
  record Commit(long version, Instant timestamp, String operation, String mode) {}

  /** Operations that never remove a data file. */
  private static final Set<String> ADDS_ONLY = Set.of(
      "CREATE TABLE", "SET TBLPROPERTIES", "UNSET TBLPROPERTIES", "VACUUM START", "VACUUM END",
      "ADD COLUMNS", "CHANGE COLUMN", "UPGRADE PROTOCOL");

  private VacuumPlan() {}

  static boolean due(List<Commit> history, Instant now, Duration retention) {
    Instant deletableBefore = now.minus(retention);
    Optional<Instant> lastVacuum = history.stream()
        .filter(c -> c.operation().equals("VACUUM END"))
        .map(Commit::timestamp)
        .max(Instant::compareTo);
    boolean startsAtZero = history.stream().anyMatch(c -> c.version() == 0);
    if (lastVacuum.isEmpty() && !startsAtZero) {
      return true;
    }
    Instant coveredBefore = lastVacuum.map(v -> v.minus(retention)).orElse(Instant.MIN);
    return history.stream()
        .filter(VacuumPlan::mayRemoveFiles)
        .anyMatch(c -> c.timestamp().isAfter(coveredBefore) && !c.timestamp().isAfter(deletableBefore));
  }

  static boolean mayRemoveFiles(Commit c) {
    if (ADDS_ONLY.contains(c.operation())) {
      return false;
    }
    boolean append = "Append".equalsIgnoreCase(c.mode());
    return !(append && (c.operation().equals("WRITE") || c.operation().equals("STREAMING UPDATE")));
  }
}
