package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.RunLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one dataset's ingestion did: its row of the processed zone's {@code _runs} table, plus the
 * files that could not be read. The SUMMARY line reports the same figures. {@code ledger} holds the
 * ledger rows of the files it ingested (empty when it ingested none): the job writes the run rows
 * and the ledger rows of all its datasets after their data, in one commit each.
 */
record DatasetOutcome(
    RunLog.Entry run, Map<String, String> failedFiles, long inputBytes, String hint, List<Ledger.Entry> ledger) {

  static final String JOB = "raw-to-processed";

  DatasetOutcome {
    failedFiles = Map.copyOf(failedFiles);
    ledger = List.copyOf(ledger);
  }

  /** Whether the dataset ingested files: it has a {@code _runs} row and ledger rows to write. */
  boolean ingested() {
    return !ledger.isEmpty();
  }

  /** {@code hint}: where files outside the lookback window are and how to read them; null if none. */
  static DatasetOutcome nothingNew(String runId, String dataset, Instant at, String hint) {
    return new DatasetOutcome(
        new RunLog.Entry(runId, JOB, dataset, "NO_NEW_FILES", 0, 0, 0, 0, 0, 0, Map.of(), List.of(), at, at, null),
        Map.of(), 0, hint, List.of());
  }

  static DatasetOutcome failed(String runId, String dataset, Instant at, String error) {
    return new DatasetOutcome(
        new RunLog.Entry(runId, JOB, dataset, "FAILED", 0, 0, 0, 0, 0, 0, Map.of(), List.of(), at, at, error),
        Map.of(), 0, null, List.of());
  }

  Map<String, Object> toSummary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", run.status());
    m.put("files", run.files());
    m.put("files_failed", run.filesFailed());
    m.put("input_files", run.files());
    m.put("input_bytes", inputBytes);
    if (hint != null) {
      m.put("hint", hint);
    }
    m.put("rows_read", run.rowsRead());
    m.put("rows_written", run.rowsWritten());
    m.put("rows_quarantined", run.rowsQuarantined());
    m.put("rows_duplicate", run.rowsDuplicate());
    m.put("quarantine_reasons", run.quarantineReasons());
    m.put("partitions", run.partitions());
    if (!failedFiles.isEmpty()) {
      m.put("failed_files", failedFiles);
    }
    if (run.error() != null) {
      m.put("error", run.error());
    }
    return m;
  }
}
