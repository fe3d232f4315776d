package dev.loglake.jobs.sample;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent file writes on a few threads and sums their counts. Each file has its own seed,
 * so the output does not depend on scheduling. Fails with the first error and cancels the rest.
 */
final class ParallelWrites {

  /** One file to write. */
  interface FileWrite {
    FileStats write() throws IOException;
  }

  private ParallelWrites() {}

  static FileStats run(List<? extends FileWrite> writes) throws IOException {
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    AtomicInteger counter = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "sample-data-writer-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<FileStats>> futures = new ArrayList<>(writes.size());
      for (FileWrite write : writes) {
        Callable<FileStats> task = write::write;
        futures.add(pool.submit(task));
      }
      FileStats total = FileStats.NONE;
      for (Future<FileStats> future : futures) {
        total = total.plus(await(future));
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static FileStats await(Future<FileStats> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while writing sample data");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Sample data writer failed", cause);
    }
  }
}
