package dev.loglake.jobs.rawtoprocessed;

import static org.apache.spark.sql.functions.col;

import dev.loglake.common.io.RawRecords;
import dev.loglake.common.silver.Silver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures of one conformed batch, from a single aggregate over it: rows per file, files that
 * could not be read, quarantine reasons, and the date partitions valid rows fall in.
 */
record BatchStats(
    Map<String, Long> rowsPerFile,
    Map<String, String> failedFiles,
    Map<String, Long> reasons,
    long validRows,
    List<String> validDates) {

  static BatchStats of(Dataset<Row> conformed) {
    List<Row> groups =
        conformed
            .groupBy(
                col(RawRecords.SOURCE_FILE), col(RawRecords.FILE_ERROR), col(Silver.REASON),
                col(Silver.DATE).cast("string"))
            .count()
            .collectAsList();
    Map<String, Long> perFile = new HashMap<>();
    Map<String, String> failed = new TreeMap<>();
    for (Row r : groups) {
      if (!r.isNullAt(1)) {
        failed.put(r.getString(0), r.getString(1));
      }
    }
    Map<String, Long> reasons = new TreeMap<>();
    TreeSet<String> dates = new TreeSet<>();
    long valid = 0;
    for (Row r : groups) {
      String file = r.getString(0);
      long n = r.getLong(4);
      if (failed.containsKey(file)) {
        continue;
      }
      perFile.merge(file, n, Long::sum);
      if (r.isNullAt(2)) {
        valid += n;
        if (!r.isNullAt(3)) {
          dates.add(r.getString(3));
        }
      } else {
        reasons.merge(r.getString(2), n, Long::sum);
      }
    }
    return new BatchStats(perFile, failed, reasons, valid, List.copyOf(dates));
  }

  long rowsRead() {
    return rowsPerFile.values().stream().mapToLong(Long::longValue).sum();
  }

  long quarantined() {
    return reasons.values().stream().mapToLong(Long::longValue).sum();
  }
}
