package dev.loglake.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.exceptions.ConcurrentAppendException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A write that lost a Delta commit race is done again, a bounded number of times; other errors are not. */
class DeltaRetryTest {

  @Test
  void aLostCommitRaceIsWrittenAgainUntilItWins() {
    AtomicInteger attempts = new AtomicInteger();

    String result = DeltaRetry.onConflict("t", () -> {
      if (attempts.incrementAndGet() < 3) {
        // Delta's exception, possibly wrapped on its way up.
        throw new IllegalStateException("write failed",
            new ConcurrentAppendException("Files were added to partition [date=2024-03-10]"));
      }
      return "written";
    });

    assertThat(result).isEqualTo("written");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void otherErrorsAndTooManyConflictsAreThrown() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> DeltaRetry.onConflict("t", () -> {
      attempts.incrementAndGet();
      throw new IllegalArgumentException("bad column");
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(attempts).hasValue(1);

    attempts.set(0);
    assertThatThrownBy(() -> DeltaRetry.onConflict("t", () -> {
      attempts.incrementAndGet();
      throw new ConcurrentAppendException("always");
    })).isInstanceOf(ConcurrentAppendException.class);
    assertThat(attempts).hasValue(6); // the first try and 5 retries (loglake.delta.conflict-retries)
  }
}
