package dev.loglake.jobs.maintain;

import dev.loglake.common.io.DeltaCommits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.CommitInfo;
import scala.Option;

/**
 * A Delta table's commits, newest first, each read when pulled: the commitInfo of its
 * {@code _delta_log/<version>.json} file, on the driver. {@code DeltaTable.history()} reads every
 * commit of the log with a Spark job and builds a DataFrame of them: about a second per table, for a
 * decision that needs only the newest few commits.
 */
final class CommitHistory {

  private CommitHistory() {}

  /** From {@code latest} down to version 0, or to the first commit the log no longer holds. */
  static Iterator<VacuumPlan.Commit> newestFirst(SparkSession spark, String path, long latest) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    return new Iterator<>() {
      private long version = latest;
      private VacuumPlan.Commit pending;

      @Override
      public boolean hasNext() {
        if (pending == null && version >= 0) {
          pending = read(log, version);
          version = pending == null ? -1 : version - 1;
        }
        return pending != null;
      }

      @Override
      public VacuumPlan.Commit next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        VacuumPlan.Commit c = pending;
        pending = null;
        return c;
      }
    };
  }

  /** The commit of {@code version}; null when the log no longer holds it (cleaned up after a checkpoint). */
  private static VacuumPlan.Commit read(DeltaLog log, long version) {
    Option<CommitInfo> info = DeltaCommits.commitInfo(log, version);
    if (info == null) {
      return null;
    }
    if (info.isEmpty()) {
      // A writer that records no commitInfo: when and what is unknown, so it may have removed files.
      return new VacuumPlan.Commit(version, modificationTime(DeltaCommits.commitFile(log, version), log.newDeltaHadoopConf()),
          "UNKNOWN", null);
    }
    CommitInfo c = info.get();
    Option<String> mode = c.operationParameters().get("mode");
    return new VacuumPlan.Commit(version, c.timestamp().toInstant(), c.operation(), mode.isDefined() ? mode.get() : null);
  }

  private static Instant modificationTime(Path file, Configuration conf) {
    try {
      return Instant.ofEpochMilli(file.getFileSystem(conf).getFileStatus(file).getModificationTime());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
