package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.RawFile;
import java.util.List;

/** The ledger rows of a batch: committed files with their row counts, failed ones with the error. */
final class LedgerEntries {

  private LedgerEntries() {}

  static List<Ledger.Entry> of(List<RawFile> files, BatchStats stats) {
    return files.stream()
        .map(f -> stats.failedFiles().containsKey(f.path())
            ? new Ledger.Entry(f, Ledger.Entry.FAILED, stats.failedFiles().get(f.path()), 0)
            : new Ledger.Entry(f, Ledger.Entry.COMMITTED, null, stats.rowsPerFile().getOrDefault(f.path(), 0L)))
        .toList();
  }
}
