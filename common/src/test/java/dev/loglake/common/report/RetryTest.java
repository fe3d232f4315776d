package dev.loglake.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  private final List<Duration> waits = new ArrayList<>();
  private final Retry retry = new Retry(4, Duration.ofSeconds(1), waits::add);

  @Test
  void retriesWithDoublingBackoffUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        retry.call(
            "upload x",
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IOException("503 Slow Down");
              }
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void givesUpAfterTheLastAttemptNamingTheActionAndTheCause() {
    assertThatThrownBy(
            () ->
                retry.call(
                    "write s3a://b/r.pdf",
                    () -> {
                      throw new IOException("connection refused");
                    }))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("write s3a://b/r.pdf")
        .hasMessageContaining("4 attempt(s)")
        .hasMessageContaining("connection refused");
    assertThat(waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
  }
}
