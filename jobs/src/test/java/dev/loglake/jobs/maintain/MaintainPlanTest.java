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
import java.util.List;
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
    assertThat(VacuumPlan.due(List.of(create, append), NOW, WEEK)).isFalse();
    assertThat(VacuumPlan.due(List.of(create, append, recentOptimize), NOW, WEEK)).isFalse();
    assertThat(VacuumPlan.due(List.of(create, append, oldOptimize), NOW, WEEK)).isTrue();
    // A VACUUM 2 days ago already deleted what was removed 10 days ago.
    assertThat(VacuumPlan.due(List.of(create, append, oldOptimize, commit(3, 2, "VACUUM END", null)), NOW, WEEK)).isFalse();
    // A history that no longer starts at version 0 and shows no VACUUM: unknown, so vacuum.
    assertThat(VacuumPlan.due(List.of(append), NOW, WEEK)).isTrue();
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

  private static VacuumPlan.Commit commit(long version, int daysAgo, String operation, String mode) {
    return new VacuumPlan.Commit(version, NOW.minus(Duration.ofDays(daysAgo)), operation, mode);
  }
}
