package dev.loglake.common.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts an I/O action up to {@code attempts} times, waiting {@code backoff}, then twice that,
 * and so on between attempts (exponential backoff).
 */
public record Retry(int attempts, Duration backoff, Sleeper sleeper) {

  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  /** How to wait; tests record the waits instead. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration d) throws InterruptedException;
  }

  /** One I/O action. */
  @FunctionalInterface
  public interface Action<T> {
    T run() throws IOException;
  }

  public Retry {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
  }

  /** Runs {@code action}; after the last failed attempt throws its error, naming {@code what}. */
  public <T> T call(String what, Action<T> action) {
    Duration wait = backoff;
    for (int attempt = 1; ; attempt++) {
      try {
        return action.run();
      } catch (IOException | RuntimeException e) {
        if (attempt >= attempts) {
          throw new UncheckedIOException(
              "Could not " + what + " after " + attempts + " attempt(s): " + e.getMessage(),
              e instanceof IOException io ? io : new IOException(e));
        }
        LOG.warn(
            "Attempt {} of {} to {} failed ({}); retrying in {}",
            attempt,
            attempts,
            what,
            e.toString(),
            wait);
        pause(wait);
        wait = wait.multipliedBy(2);
      }
    }
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }
}
