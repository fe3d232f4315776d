package dev.loglake.jobs.processedtocurated;

import java.util.List;

/** How a model's rows replace the stored ones for the dates it recomputes. */
public sealed interface WriteMode {

  /**
   * Delta {@code replaceWhere} on the partition column: the recomputed dates' rows are replaced.
   */
  record ReplacePartitions() implements WriteMode {
    @Override
    public String toString() {
      return "replace-partitions";
    }
  }

  /**
   * Delta {@code MERGE} on {@code key} within the recomputed dates: changed rows are updated, new
   * ones inserted, rows no longer produced deleted; unchanged rows keep their files.
   */
  record Merge(List<String> key) implements WriteMode {
    public Merge {
      key = List.copyOf(key);
    }

    @Override
    public String toString() {
      return "merge on " + String.join(",", key);
    }
  }
}
