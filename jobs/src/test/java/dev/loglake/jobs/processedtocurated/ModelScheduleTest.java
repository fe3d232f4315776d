package dev.loglake.jobs.processedtocurated;

import static dev.loglake.jobs.processedtocurated.CuratedModelCatalogTest.catalog;
import static dev.loglake.jobs.processedtocurated.CuratedModelCatalogTest.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which models are built at the same time, in which order, and what a failure stops; no Spark. */
class ModelScheduleTest {

  /** a and b read processed tables only; c reads both; f reads the run history, so it comes last. */
  static final List<Model> MODELS = catalog(
          file("a", "SELECT * FROM processed.web_events"),
          file("b", "SELECT * FROM processed.transactions"),
          file("c", "SELECT * FROM curated.a JOIN curated.b USING (date)"),
          file("f", "SELECT * FROM curated._runs"))
      .ordered();

  final List<String> events = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger threads = new AtomicInteger();

  ModelSchedule.Build recording(ModelSchedule.Build work) {
    return m -> {
      events.add("start " + m.name());
      Map<String, Object> out = work.build(m);
      events.add("end " + m.name());
      return out;
    };
  }

  @Test
  void independentModelsAreBuiltAtTheSameTimeAndEachAfterTheModelsItReads() {
    // a and b each wait for the other to have started: built one after the other, they time out.
    CyclicBarrier together = new CyclicBarrier(2);
    ModelSchedule.Build work = recording(m -> {
      if (m.name().equals("a") || m.name().equals("b")) {
        try {
          together.await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(m.name() + " was not built alongside the other", e);
        }
      }
      return Map.of("built", m.name(), "thread", Thread.currentThread().getName().startsWith("loglake-model-"));
    });

    Map<String, Map<String, Object>> outcomes = ModelSchedule.build(MODELS, 2, work, () -> {
      threads.incrementAndGet();
      return work;
    });

    assertThat(MODELS.stream().map(Model::name)).containsExactly("a", "b", "c", "f");
    assertThat(outcomes).containsExactly(
        Map.entry("a", Map.of("built", "a", "thread", true)), Map.entry("b", Map.of("built", "b", "thread", true)),
        Map.entry("c", Map.of("built", "c", "thread", true)), Map.entry("f", Map.of("built", "f", "thread", true)));
    assertThat(threads).hasValue(2);
    assertThat(events.indexOf("start c")).isGreaterThan(events.indexOf("end a")).isGreaterThan(events.indexOf("end b"));
    assertThat(events.indexOf("start f")).isGreaterThan(events.indexOf("end c"));
    assertThat(events).hasSize(8);
  }

  @Test
  void theModelsWithTheBiggestInputStartFirst() {
    List<Model> independent = catalog(
            file("a", "SELECT * FROM processed.web_events"),
            file("b", "SELECT * FROM processed.transactions"),
            file("d", "SELECT * FROM processed.transactions"))
        .ordered();
    Map<String, Long> bytes = Map.of("a", 1L, "b", 2L, "d", 3L);
    ModelSchedule.Build work = recording(m -> Map.of("built", m.name()));

    Map<String, Map<String, Object>> outcomes =
        ModelSchedule.build(independent, 2, work, () -> work, m -> bytes.get(m.name()));

    // d and b take the two threads as they start; a waits for one of them.
    assertThat(outcomes.keySet()).containsExactly("a", "b", "d");
    assertThat(events.indexOf("start a"))
        .isGreaterThan(Math.min(events.indexOf("end b"), events.indexOf("end d")));
    assertThat(events).hasSize(6);
  }

  @Test
  void afterAFailureNoModelStartsTheBuildsUnderWayFinishAndTheFailureIsThrown() {
    CountDownLatch aFailed = new CountDownLatch(1);
    ModelSchedule.Build work = recording(m -> {
      if (m.name().equals("a")) {
        aFailed.countDown();
        throw new IllegalStateException("model a: its SQL does not run");
      }
      if (m.name().equals("b")) {
        try {
          assertThat(aFailed.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      return Map.of("built", m.name());
    });

    assertThatThrownBy(() -> ModelSchedule.build(MODELS, 2, work, () -> work))
        .isInstanceOf(IllegalStateException.class).hasMessage("model a: its SQL does not run");
    assertThat(events).containsExactlyInAnyOrder("start a", "start b", "end b");
  }

  @Test
  void oneAtATimeBuildsOnTheCallingThreadInDependencyOrder() {
    ModelSchedule.Build work = recording(m -> Map.of("thread", Thread.currentThread().getName()));
    String caller = Thread.currentThread().getName();

    Map<String, Map<String, Object>> outcomes = ModelSchedule.build(MODELS, 1, work, () -> {
      throw new AssertionError("no thread is started for parallelism 1");
    });

    assertThat(outcomes).containsExactly(Map.entry("a", Map.of("thread", caller)), Map.entry("b", Map.of("thread", caller)),
        Map.entry("c", Map.of("thread", caller)), Map.entry("f", Map.of("thread", caller)));
    assertThat(events).containsExactly("start a", "end a", "start b", "end b", "start c", "end c", "start f", "end f");
  }
}
