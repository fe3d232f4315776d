package dev.loglake.jobs.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs independent pieces of one job's work on a few threads of the job's process and gives their
 * results back in the order of the pieces, whatever order they finish in. On one Spark session, a
 * small piece of work is mostly driver time (planning, scheduling a few tiny tasks, Delta's log), so
 * several overlap even on 2 cores.
 *
 * <p>The threads are created for the call: they inherit the calling thread's active Spark session and
 * its local properties. When a piece fails, no piece that has not started starts; the pieces under
 * way finish (a Spark job is not stopped halfway), and the failure of the earliest piece in the
 * work's order is thrown, with the others attached as suppressed.
 */
public final class OnThreads {

  private OnThreads() {}

  /**
   * The results of {@code work}, in its order, computed on up to {@code threads} threads named {@code
   * name-1}, {@code name-2}...; with 1 thread (or one piece) on the calling thread, one after the other.
   */
  public static <T> List<T> inOrder(List<? extends Supplier<T>> work, int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be 1 or more, got " + threads);
    }
    List<T> out = new ArrayList<>(work.size());
    if (threads == 1 || work.size() <= 1) {
      work.forEach(w -> out.add(w.get()));
      return out;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, work.size()), r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    AtomicBoolean failed = new AtomicBoolean();
    List<Future<T>> futures = new ArrayList<>(work.size());
    try {
      for (Supplier<T> w : work) {
        futures.add(pool.submit(() -> {
          if (failed.get()) {
            return null;
          }
          try {
            return w.get();
          } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
        }));
      }
      Throwable failure = null;
      for (Future<T> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
        }
      }
      rethrow(failure);
      return out;
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Throws {@code failure} (a piece's failure, with the others suppressed) as it is when it is unchecked,
   * wrapped otherwise; nothing when it is null.
   */
  public static void rethrow(Throwable failure) {
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }
}
