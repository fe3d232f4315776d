package dev.loglake.common.io;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import java.util.ConcurrentModificationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a Delta write that lost a race with another writer of the same table (Delta's optimistic
 * concurrency: {@code ConcurrentAppendException} and the other {@code
 * io.delta.exceptions.DeltaConcurrentModificationException}s, all {@link
 * ConcurrentModificationException}s). An hourly ingest overlapping a backfill is normal on a
 * schedule: the write is done again from the top, so it re-reads the table and writes only what is
 * still new. {@code loglake.delta.conflict-retries} bounds the attempts.
 */
public final class DeltaRetry {

  private static final Logger LOG = LoggerFactory.getLogger(DeltaRetry.class);
  private static volatile int retries = 5;

  private DeltaRetry() {}

  /** Reads {@code loglake.delta.conflict-retries} (the job runner calls this once per run). */
  public static void configure(Config config) {
    retries = Configs.intValue(config, "loglake.delta.conflict-retries");
  }

  /** Runs {@code write}, again after a short random pause each time a concurrent writer won the commit. */
  public static <T> T onConflict(String table, Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (RuntimeException e) {
        ConcurrentModificationException conflict = conflictIn(e);
        if (conflict == null || attempt > retries) {
          throw e;
        }
        long pauseMs = ThreadLocalRandom.current().nextLong(200, 1000) * attempt;
        LOG.warn("{}: another writer committed first ({}); writing again in {} ms (retry {} of {})",
            table, conflict.getClass().getSimpleName(), pauseMs, attempt, retries);
        try {
          Thread.sleep(pauseMs);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** {@link #onConflict(String, Supplier)} for a write that returns nothing. */
  public static void onConflict(String table, Runnable write) {
    onConflict(table, () -> {
      write.run();
      return null;
    });
  }

  private static ConcurrentModificationException conflictIn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConcurrentModificationException c) {
        return c;
      }
    }
    return null;
  }
}
