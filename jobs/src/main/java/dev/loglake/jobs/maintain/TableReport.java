package dev.loglake.jobs.maintain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What maintain did to one table, for the SUMMARY line.
 *
 * @param table {@code <zone>.<table>}
 * @param filesBefore current files before, and after
 * @param bytesBefore bytes of the current files before, and after
 * @param compacted the partitions OPTIMIZE rewrote ("*" for an unpartitioned table)
 * @param vacuumed the files VACUUM deleted
 * @param expired the partitions (or, for _runs and _ledger, rows) retention deleted
 * @param propertiesSet the table properties set
 * @param millis how long the table took
 */
record TableReport(
    String table,
    long filesBefore,
    long filesAfter,
    long bytesBefore,
    long bytesAfter,
    List<String> compacted,
    long vacuumed,
    long expired,
    List<String> propertiesSet,
    long millis) {

  TableReport {
    compacted = List.copyOf(compacted);
    propertiesSet = List.copyOf(propertiesSet);
  }

  boolean changed() {
    return !compacted.isEmpty() || vacuumed > 0 || expired > 0 || !propertiesSet.isEmpty();
  }

  Map<String, Object> toSummary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files_before", filesBefore);
    m.put("files_after", filesAfter);
    m.put("bytes_before", bytesBefore);
    m.put("bytes_after", bytesAfter);
    m.put("partitions_compacted", compacted.size());
    m.put("files_vacuumed", vacuumed);
    m.put("partitions_expired", expired);
    m.put("properties_set", propertiesSet);
    m.put("ms", millis);
    return m;
  }
}
