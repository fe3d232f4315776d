package dev.loglake.common.io;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The operation metrics of the commit that one write made, or none when it made no commit.
 *
 * <p>Reading the table's last commit ({@code history(1)}) is wrong twice over: a MERGE that
 * changes nothing makes no commit, so the last commit is an earlier run's; and with two writers it
 * can be the other writer's. Each write here tags its commit with a unique {@code userMetadata}
 * (Delta's {@code spark.databricks.delta.commitInfo.userMetadata}) and its figures come from the
 * commit that carries the tag.
 */
public final class DeltaCommits {

  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  /** Commits searched for the tag before falling back to the whole history (other writers). */
  private static final int RECENT = 20;

  private DeltaCommits() {}

  /**
   * Runs {@code write} (one Delta write of the table at {@code path}) with its commit tagged and
   * returns that commit's {@code operationMetrics}: an empty map when it committed nothing.
   */
  public static Map<String, String> metricsOf(SparkSession spark, String path, Runnable write) {
    String tag = "loglake-write-" + UUID.randomUUID();
    String before = spark.conf().get(USER_METADATA, null);
    spark.conf().set(USER_METADATA, tag);
    try {
      write.run();
    } finally {
      if (before == null) {
        spark.conf().unset(USER_METADATA);
      } else {
        spark.conf().set(USER_METADATA, before);
      }
    }
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Map.of();
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    Map<String, String> found = find(table.history(RECENT).select("userMetadata", "operationMetrics").collectAsList(), tag);
    if (found == null) {
      found = find(table.history().where("userMetadata = '" + tag + "'").select("userMetadata", "operationMetrics").collectAsList(), tag);
    }
    return found == null ? Map.of() : found;
  }

  /** {@code metric} of {@code metrics} as a number, 0 when absent. */
  public static long metric(Map<String, String> metrics, String metric) {
    String value = metrics.get(metric);
    return value == null ? 0L : Long.parseLong(value);
  }

  private static Map<String, String> find(List<Row> history, String tag) {
    for (Row h : history) {
      if (tag.equals(h.getString(0))) {
        Map<String, String> m = h.getJavaMap(1);
        return m == null ? Map.of() : m;
      }
    }
    return null;
  }
}
