package dev.loglake.jobs.rawtoprocessed;

/**
 * Test hook: {@code loglake.jobs.raw-to-processed.fail-after = data-commit} makes the run die after
 * the data and quarantine commits and before the run log and ledger, as a killed job would. The
 * exactly-once tests use it; it has no other use.
 */
final class FaultInjection {

  static final String DATA_COMMIT = "data-commit";

  private FaultInjection() {}

  static void afterDataCommit(RawToProcessedConfig config) {
    if (DATA_COMMIT.equals(config.failAfter())) {
      throw new IllegalStateException("fault injected after the data commit (fail-after = data-commit)");
    }
  }
}
