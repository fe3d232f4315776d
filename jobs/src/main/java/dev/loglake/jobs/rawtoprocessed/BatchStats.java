package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.io.RawRecords;
import dev.loglake.common.silver.Silver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The figures of one conformed batch, from a single aggregate over it: rows per file, files that
 * could not be read, quarantine reasons, the date partitions valid rows fall in, and how many
 * valid rows repeat the record key of an earlier one ({@code repeatedKeys}).
 *
 * <p>One scan answers both questions: a {@code GROUPING SETS} aggregate groups the rows by file,
 * reason and date, and the valid rows by a 64-bit hash of their record key (cheaper to group and
 * shuffle than the key); the hashes seen more than once are then summed up, so only a handful of
 * rows reach the driver whatever the batch size. The repeat count is a bound, not the final
 * figure: rows of a file that later proves unreadable are counted too, and two keys may share a
 * hash, so it may see a repeat that is not one (the exact dedupe then runs for nothing); a repeat
 * it does not see cannot exist.
 */
record BatchStats(
    Map<String, Long> rowsPerFile,
    Map<String, String> failedFiles,
    Map<String, Long> reasons,
    long validRows,
    List<String> validDates,
    long repeatedKeys) {

  /** Grouping id of the (file, error, reason, date) set: the key is aggregated away (bit 0 set). */
  private static final int BY_FILE = 1;

  static BatchStats of(Dataset<Row> conformed) {
    String view = "_batch_" + UUID.randomUUID().toString().replace("-", "");
    conformed.createOrReplaceTempView(view);
    List<Row> groups;
    try {
      String file = RawRecords.SOURCE_FILE;
      String error = RawRecords.FILE_ERROR;
      String reason = Silver.REASON;
      groups =
          conformed
              .sparkSession()
              .sql(
                  "SELECT g, f, e, r, d, SUM(n) AS n, COUNT(*) AS groups FROM ("
                      + " SELECT GROUPING_ID(f, e, r, d, k) AS g, f, e, r, d, k, COUNT(*) AS n FROM ("
                      + "  SELECT `" + file + "` AS f, `" + error + "` AS e, `" + reason + "` AS r,"
                      + "   CAST(`" + Silver.DATE + "` AS STRING) AS d,"
                      + "   CASE WHEN `" + reason + "` IS NULL AND `" + error + "` IS NULL"
                      + "    THEN XXHASH64(`" + Silver.RECORD_KEY + "`) END AS k FROM " + view + ")"
                      + " GROUP BY GROUPING SETS ((f, e, r, d), (k)))"
                      + " WHERE g = " + BY_FILE + " OR (k IS NOT NULL AND n > 1)"
                      + " GROUP BY g, f, e, r, d")
              .collectAsList();
    } finally {
      conformed.sparkSession().catalog().dropTempView(view);
    }
    Map<String, String> failed = new TreeMap<>();
    long repeated = 0;
    for (Row r : groups) {
      if (r.getLong(0) != BY_FILE) {
        // Rows of keys seen more than once, minus the first row of each such key.
        repeated += r.getLong(5) - r.getLong(6);
      } else if (!r.isNullAt(2)) {
        failed.put(r.getString(1), r.getString(2));
      }
    }
    Map<String, Long> perFile = new HashMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    TreeSet<String> dates = new TreeSet<>();
    long valid = 0;
    for (Row r : groups) {
      String file = r.getString(1);
      long n = r.getLong(5);
      if (r.getLong(0) != BY_FILE || failed.containsKey(file)) {
        continue;
      }
      perFile.merge(file, n, Long::sum);
      if (r.isNullAt(3)) {
        valid += n;
        if (!r.isNullAt(4)) {
          dates.add(r.getString(4));
        }
      } else {
        reasons.merge(r.getString(3), n, Long::sum);
      }
    }
    return new BatchStats(perFile, failed, reasons, valid, List.copyOf(dates), repeated);
  }

  /** No rows: a batch whose files were all empty or rejected before reading. */
  static BatchStats none() {
    return new BatchStats(Map.of(), Map.of(), Map.of(), 0, List.of(), 0);
  }

  /** These figures plus {@code rejected}, files that failed without being read (path to reason). */
  BatchStats withRejected(Map<String, String> rejected) {
    if (rejected.isEmpty()) {
      return this;
    }
    Map<String, String> failed = new TreeMap<>(failedFiles);
    failed.putAll(rejected);
    return new BatchStats(rowsPerFile, failed, reasons, validRows, validDates, repeatedKeys);
  }

  long rowsRead() {
    return rowsPerFile.values().stream().mapToLong(Long::longValue).sum();
  }

  long quarantined() {
    return reasons.values().stream().mapToLong(Long::longValue).sum();
  }
}
