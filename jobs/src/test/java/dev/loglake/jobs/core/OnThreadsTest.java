package dev.loglake.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class OnThreadsTest {

  @Test
  void givesTheResultsInTheOrderOfTheWorkWhateverOrderItFinishesIn() {
    // Each piece waits for the one after it to finish first: the last piece finishes first.
    int n = 3;
    List<CountDownLatch> done = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      done.add(new CountDownLatch(1));
    }
    done.get(n).countDown();
    List<String> finished = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Supplier<String>> work = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      work.add(() -> {
        await(done.get(k + 1));
        finished.add("piece " + k);
        done.get(k).countDown();
        return "piece " + k + " on " + Thread.currentThread().getName().replaceAll("-[0-9]+$", "");
      });
    }

    assertThat(OnThreads.inOrder(work, n, "test-pool"))
        .containsExactly("piece 0 on test-pool", "piece 1 on test-pool", "piece 2 on test-pool");
    assertThat(finished).containsExactly("piece 2", "piece 1", "piece 0");
  }

  @Test
  void runsAtMostTheGivenNumberOfPiecesAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch twoIn = new CountDownLatch(2);
    List<Supplier<Integer>> work = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int k = i;
      work.add(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        twoIn.countDown();
        // The first two wait for each other: they can only both return if they ran at the same time.
        await(twoIn);
        sleep(20);
        running.decrementAndGet();
        return k;
      });
    }

    assertThat(OnThreads.inOrder(work, 2, "test-pool")).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void oneThreadRunsThePiecesOneAfterTheOtherOnTheCallersThread() {
    String caller = Thread.currentThread().getName();
    List<Supplier<String>> work = List.of(() -> Thread.currentThread().getName(), () -> Thread.currentThread().getName());

    assertThat(OnThreads.inOrder(work, 1, "test-pool")).containsExactly(caller, caller);
    assertThatThrownBy(() -> OnThreads.inOrder(work, 0, "test-pool")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailureStartsNoFurtherPieceLetsTheRunningOnesFinishAndTheEarliestPiecesIsThrownWithTheOthersSuppressed() {
    Set<Integer> ran = ConcurrentHashMap.newKeySet();
    CountDownLatch bothStarted = new CountDownLatch(2);
    List<Supplier<Integer>> work = new ArrayList<>();
    work.add(() -> {
      ran.add(0);
      bothStarted.countDown();
      await(bothStarted);
      throw new IllegalStateException("piece 0 failed");
    });
    work.add(() -> {
      ran.add(1);
      bothStarted.countDown();
      await(bothStarted);
      throw new IllegalArgumentException("piece 1 failed too");
    });
    for (int i = 2; i < 6; i++) {
      int k = i;
      work.add(() -> {
        ran.add(k);
        return k;
      });
    }

    assertThatThrownBy(() -> OnThreads.inOrder(work, 2, "test-pool"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("piece 0 failed")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("piece 1 failed too"));
    assertThat(ran).containsExactlyInAnyOrder(0, 1);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).as("waited for the other pieces").isTrue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
