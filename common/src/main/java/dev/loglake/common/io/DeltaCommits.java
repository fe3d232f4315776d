package dev.loglake.common.io;

import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaHistoryManager;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.CommitInfo;
import scala.Option;

/**
 * The operation metrics of the commit that one write made, or none when it made no commit.
 *
 * <p>Reading the table's last commit ({@code history(1)}) is wrong twice over: a MERGE that
 * changes nothing makes no commit, so the last commit is an earlier run's; and with two writers it
 * can be the other writer's. Each write here tags its commit with a unique {@code userMetadata}
 * (Delta's {@code spark.databricks.delta.commitInfo.userMetadata}) and its figures come from the
 * commit that carries the tag.
 *
 * <p>The tag is looked for in the newest commits' {@code _delta_log/<version>.json} files, read on the
 * driver ({@link #commitInfo}); {@code DeltaTable.history()} would run a Spark job over the log for
 * every write. The whole history is searched only when the newest commits do not hold the tag.
 */
public final class DeltaCommits {

  private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";
  /** Newest commits searched for the tag before falling back to the whole history (other writers). */
  private static final int RECENT = 20;

  private DeltaCommits() {}

  /**
   * Runs {@code write} (one Delta write of the table at {@code path}) with its commit tagged and
   * returns that commit's {@code operationMetrics}: an empty map when it committed nothing.
   */
  public static Map<String, String> metricsOf(SparkSession spark, String path, Runnable write) {
    Commit commit = tagged(spark, path, write);
    return commit == null ? Map.of() : commit.metrics();
  }

  /**
   * Runs {@code write} (one Delta write of the table at {@code path}) with its commit tagged and
   * returns that commit's version: empty when it committed nothing.
   */
  public static OptionalLong versionOf(SparkSession spark, String path, Runnable write) {
    Commit commit = tagged(spark, path, write);
    return commit == null ? OptionalLong.empty() : OptionalLong.of(commit.version());
  }

  /** A write's commit: its version and its operation metrics. */
  private record Commit(long version, Map<String, String> metrics) {}

  /** Runs {@code write} with its commit tagged; the commit that carries the tag, null when none does. */
  private static Commit tagged(SparkSession spark, String path, Runnable write) {
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
      return null;
    }
    DeltaLog log = DeltaLog.forTable(spark, path);
    // The table's newest version (a listing of the log): the write's own commit is at or below it.
    long latest = log.update(false, Option.empty(), Option.empty()).version();
    for (long v = latest; v >= 0 && v > latest - RECENT; v--) {
      Option<CommitInfo> info = commitInfo(log, v);
      if (info == null) {
        break;
      }
      Option<String> meta = info.isDefined() ? info.get().userMetadata() : Option.empty();
      if (meta.isDefined() && tag.equals(meta.get())) {
        Option<scala.collection.immutable.Map<String, String>> metrics = info.get().operationMetrics();
        return new Commit(v, metrics.isEmpty() ? Map.of() : scala.collection.JavaConverters.mapAsJavaMap(metrics.get()));
      }
    }
    DeltaTable table = DeltaTable.forPath(spark, path);
    return find(table.history().where("userMetadata = '" + tag + "'")
        .select("userMetadata", "operationMetrics", "version").collectAsList(), tag);
  }

  /** The log file of commit {@code version}: the version, zero-padded to 20 digits, as the protocol names it. */
  public static Path commitFile(DeltaLog log, long version) {
    return new Path(log.logPath(), String.format(Locale.ROOT, "%020d.json", version));
  }

  /**
   * The commitInfo of commit {@code version}, read from its log file on the driver: empty when the
   * commit records none; null when the log no longer holds the commit (cleaned up after a checkpoint).
   */
  public static Option<CommitInfo> commitInfo(DeltaLog log, long version) {
    Path file = commitFile(log, version);
    try {
      return DeltaHistoryManager.getCommitInfoOpt(log.store(), file, log.newDeltaHadoopConf());
    } catch (Exception e) { // Scala declares no checked exception: a missing file arrives as one anyway
      if (e instanceof FileNotFoundException) {
        return null;
      }
      throw e instanceof RuntimeException r ? r : new UncheckedIOException(file + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** {@code metric} of {@code metrics} as a number, 0 when absent. */
  public static long metric(Map<String, String> metrics, String metric) {
    String value = metrics.get(metric);
    return value == null ? 0L : Long.parseLong(value);
  }

  private static Commit find(List<Row> history, String tag) {
    for (Row h : history) {
      if (tag.equals(h.getString(0))) {
        Map<String, String> m = h.getJavaMap(1);
        return new Commit(h.getLong(2), m == null ? Map.of() : m);
      }
    }
    return null;
  }
}
