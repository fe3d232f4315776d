package dev.loglake.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The read progress line: only once enough is read, at most every 10 s, with tasks, MB and MB/s. */
class ReadProgressTest {

  @Test
  void aLineOnlyAfterEnoughBytesAndTimeAndNotMoreOftenThanEveryTenSeconds() {
    ReadProgress p = new ReadProgress();
    long t0 = p.started();
    p.add(96, 10, 100_000_000L);
    assertThat(p.line(t0 + 20_000_000_000L)).isEmpty(); // 100 MB: a small run prints nothing

    p.add(0, 30, 300_000_000L);
    assertThat(p.line(t0 + 20_000_000_000L)).contains("reading: 40 of 96 tasks done, 400 MB read, 20.0 MB/s");
    assertThat(p.line(t0 + 25_000_000_000L)).isEmpty(); // 5 s after the last line
    p.add(0, 56, 200_000_000L);
    assertThat(p.line(t0 + 30_000_000_000L)).contains("reading: 96 of 96 tasks done, 600 MB read, 20.0 MB/s");
  }
}
