package dev.loglake.jobs.core;

import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress line on the console during long reads: tasks done out of those submitted (a task reads
 * a group of files), MB read and MB/s, at most every {@link #EVERY_NANOS}, and only once a run has
 * read {@link #MIN_BYTES} (a small day's run prints none). Fed by Spark's listener bus on the driver.
 */
final class ReadProgress extends SparkListener {

  private static final Logger LOG = LoggerFactory.getLogger(ReadProgress.class);
  static final long MIN_BYTES = 256L << 20;
  static final long EVERY_NANOS = 10_000_000_000L;

  private final long start = System.nanoTime();
  private long lastLine = start;
  private long bytes;
  private long tasksDone;
  private long tasksSubmitted;

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted stage) {
    tasksSubmitted += stage.stageInfo().numTasks();
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd task) {
    tasksDone++;
    if (task.taskMetrics() != null) {
      bytes += task.taskMetrics().inputMetrics().bytesRead();
    }
    long now = System.nanoTime();
    line(now).ifPresent(l -> LOG.info("{}", l));
  }

  /** The line due at {@code now}, if one is: enough read and enough time since the last line. */
  synchronized java.util.Optional<String> line(long now) {
    if (bytes < MIN_BYTES || now - lastLine < EVERY_NANOS) {
      return java.util.Optional.empty();
    }
    lastLine = now;
    double seconds = (now - start) / 1e9;
    return java.util.Optional.of(String.format(Locale.ROOT, "reading: %d of %d tasks done, %.0f MB read, %.1f MB/s",
        tasksDone, tasksSubmitted, bytes / 1e6, bytes / 1e6 / Math.max(seconds, 0.001)));
  }

  /** For tests: what a run has read so far. */
  synchronized void add(long tasksSubmitted, long tasksDone, long bytes) {
    this.tasksSubmitted += tasksSubmitted;
    this.tasksDone += tasksDone;
    this.bytes += bytes;
  }

  long started() {
    return start;
  }
}
