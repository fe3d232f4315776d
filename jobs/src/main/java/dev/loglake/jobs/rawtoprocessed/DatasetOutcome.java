package dev.loglake.jobs.rawtoprocessed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one dataset's ingestion did, as reported in the SUMMARY line and the run log. */
record DatasetOutcome(
    String dataset,
    String status,
    long files,
    long filesFailed,
    long rowsRead,
    long rowsWritten,
    long rowsQuarantined,
    long rowsDuplicate,
    Map<String, Long> quarantineReasons,
    List<String> partitions,
    Map<String, String> failedFiles,
    String error) {

  static DatasetOutcome nothingNew(String dataset) {
    return new DatasetOutcome(dataset, "NO_NEW_FILES", 0, 0, 0, 0, 0, 0, Map.of(), List.of(), Map.of(), null);
  }

  static DatasetOutcome failed(String dataset, long files, String error) {
    return new DatasetOutcome(dataset, "FAILED", files, 0, 0, 0, 0, 0, Map.of(), List.of(), Map.of(), error);
  }

  Map<String, Object> toSummary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("files", files);
    m.put("files_failed", filesFailed);
    m.put("rows_read", rowsRead);
    m.put("rows_written", rowsWritten);
    m.put("rows_quarantined", rowsQuarantined);
    m.put("rows_duplicate", rowsDuplicate);
    m.put("quarantine_reasons", quarantineReasons);
    m.put("partitions", partitions);
    if (!failedFiles.isEmpty()) {
      m.put("failed_files", failedFiles);
    }
    if (error != null) {
      m.put("error", error);
    }
    return m;
  }
}
