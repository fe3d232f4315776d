package dev.loglake.jobs.maintain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.error.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions maintain takes from a table's log and its config, without Spark. */
class MaintainPlanTest {

  private static final Instant NOW = Instant.parse("2024-03-11T04:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  @TempDir Path root;

  @Test
  void vacuumIsDueOnlyForFilesRemovedBeforeTheRetentionWindow() {
    VacuumPlan.Commit create = commit(0, 30, "CREATE TABLE", null);
    VacuumPlan.Commit append = commit(1, 20, "WRITE", "Append");
    VacuumPlan.Commit recentOptimize = commit(2, 3, "OPTIMIZE", null);
    VacuumPlan.Commit oldOptimize = commit(2, 10, "OPTIMIZE", null);
    // Appends remove nothing; a removal 3 days ago is still inside the 7-day window a reader may need.
    assertThat(due(append, create)).isFalse();
    assertThat(due(recentOptimize, append, create)).isFalse();
    assertThat(due(oldOptimize, append, create)).isTrue();
    // A VACUUM 2 days ago already deleted what was removed 10 days ago.
    assertThat(due(commit(3, 2, "VACUUM END", null), oldOptimize, append, create)).isFalse();
    // A log that no longer starts at version 0 and shows no VACUUM: unknown, so vacuum.
    assertThat(due(append)).isTrue();
  }

  @Test
  void vacuumReadsOnlyTheCommitsItsDecisionNeeds() {
    // Newest first: an OPTIMIZE 2 days ago, a VACUUM 4 days ago, then 11 days of hourly appends (the
    // oldest removed nothing), a removal 40 days ago that the VACUUM covered, and more.
    List<VacuumPlan.Commit> log = new ArrayList<>();
    log.add(commit(500, 2, "OPTIMIZE", null));
    log.add(commit(499, 4, "VACUUM END", null));
    for (int h = 0; h < 11 * 24; h++) {
      log.add(new VacuumPlan.Commit(498 - h, NOW.minus(Duration.ofDays(4)).minus(Duration.ofHours(h + 1)), "WRITE", "Append"));
    }
    log.add(commit(100, 40, "DELETE", null));
    Pulled pulled = new Pulled(log);
    assertThat(VacuumPlan.due(pulled, NOW, WEEK, Optional.empty())).isFalse();
    // It stopped at the first commit older than the VACUUM minus the retention (11 days ago).
    assertThat(pulled.count).isEqualTo(2 + 7 * 24);

    // The same without the VACUUM but with a maintain run 3 days ago: it covers what lies before 10 days ago.
    log.remove(1);
    pulled = new Pulled(log);
    assertThat(VacuumPlan.due(pulled, NOW, WEEK, Optional.of(NOW.minus(Duration.ofDays(3))))).isFalse();
    assertThat(pulled.count).isEqualTo(1 + 6 * 24);
    // Without either, the first removal already deletable decides: due, after reading down to it.
    pulled = new Pulled(log);
    assertThat(VacuumPlan.due(pulled, NOW, WEEK, Optional.empty())).isTrue();
    assertThat(pulled.count).isEqualTo(log.size());
  }

  @Test
  void refusesARetentionBelowDeltasSafetyCheck() {
    assertThatThrownBy(() -> config("--loglake.jobs.maintain.vacuum-retention", "1d"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("loglake.jobs.maintain.vacuum-retention");
  }

  @Test
  void keepsLedgerEntriesOfRawFilesThatStillExist() {
    assertThatThrownBy(() -> config("--loglake.jobs.maintain.retention.ledger-days", "400"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("raw-expiration-days");
    assertThatThrownBy(() -> config("--loglake.jobs.maintain.retention.ledger-days", "400",
        "--loglake.jobs.maintain.retention.raw-expiration-days", "500"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least retention.raw-expiration-days (500)");
    assertThat(config("--loglake.jobs.maintain.retention.ledger-days", "500",
        "--loglake.jobs.maintain.retention.raw-expiration-days", "500").ledgerDays().getAsInt()).isEqualTo(500);
  }

  @Test
  void shipsTheSeedsRetentionAndDatasetsOverrideIt() {
    MaintainConfig c = config("--loglake.datasets.web_events.retention-days", "90");
    assertThat(c.retentionOf("processed", "alb_requests")).contains(730);
    assertThat(c.retentionOf("processed", "web_events")).contains(90);
    assertThat(c.retentionOf("curated", "web_sessions")).contains(2555);
    assertThat(c.retentionOf("quality", "quality_results")).isEmpty();
  }

  private MaintainConfig config(String... extra) {
    MaintainJob job = new MaintainJob();
    List<String> args = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString()));
    args.addAll(List.of(extra));
    return job.config(EtlConfig.load(job.name(), JobArgs.parse(args.toArray(String[]::new), job.name(), job.options()),
        Clock.systemUTC()));
  }

  private static boolean due(VacuumPlan.Commit... newestFirst) {
    return VacuumPlan.due(List.of(newestFirst).iterator(), NOW, WEEK, Optional.empty());
  }

  /** An iterator that counts the commits VacuumPlan pulled. */
  private static final class Pulled implements Iterator<VacuumPlan.Commit> {
    private final Iterator<VacuumPlan.Commit> commits;
    private int count;

    Pulled(List<VacuumPlan.Commit> newestFirst) {
      this.commits = newestFirst.iterator();
    }

    @Override
    public boolean hasNext() {
      return commits.hasNext();
    }

    @Override
    public VacuumPlan.Commit next() {
      count++;
      return commits.next();
    }
  }

  private static VacuumPlan.Commit commit(long version, int daysAgo, String operation, String mode) {
    return new VacuumPlan.Commit(version, NOW.minus(Duration.ofDays(daysAgo)), operation, mode);
  }
}
