package dev.loglake.jobs.processedtocurated;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Builds the selected models on up to {@code parallelism} threads, each model once the selected
 * models it is built after ({@link ModelCatalog#upstream}: the curated models it reads; for a reader
 * of the run history, every other model) are built. A small model's build is mostly the driver
 * planning queries and committing to Delta, one thread at a time; Spark runs the jobs of several
 * threads side by side, so independent models overlap.
 *
 * <p>Each thread builds on its own clone of the job's session: the views a model registers for its
 * inputs and the tag its commit carries ({@code DeltaCommits}) are session settings, so two models
 * built at once must not share them. After a failure no model is started; the builds under way
 * finish (their runs are recorded), then the first failure is thrown.
 */
final class ModelSchedule {

  private ModelSchedule() {}

  /** Builds one model and returns its outcome (a {@link ModelBuilder}'s {@code build}). */
  interface Build {
    Map<String, Object> build(Model model);
  }

  /**
   * Builds {@code models} (in dependency order) and returns each one's outcome, in that order.
   *
   * @param first builds on the calling thread when the models are built one after the other
   * @param perThread makes the build of one more thread (with a session of its own), called once
   *     per thread
   */
  static Map<String, Map<String, Object>> build(
      List<Model> models, int parallelism, Build first, Supplier<Build> perThread) {
    return build(models, parallelism, first, perThread, m -> 0);
  }

  /**
   * The same, starting the models that can be built with the biggest input first ({@code
   * inputBytes}; a tie keeps the dependency order): the longest builds do not wait for a free thread
   * at the end of the run.
   */
  static Map<String, Map<String, Object>> build(List<Model> models, int parallelism, Build first,
      Supplier<Build> perThread, java.util.function.ToLongFunction<Model> inputBytes) {
    Map<String, Map<String, Object>> outcomes = new HashMap<>();
    if (parallelism <= 1 || models.size() <= 1) {
      for (Model model : models) {
        outcomes.put(model.name(), first.build(model));
      }
      return inOrder(models, outcomes);
    }
    Map<String, Model> selected = new LinkedHashMap<>();
    models.forEach(m -> selected.put(m.name(), m));
    Map<String, Set<String>> after = new HashMap<>();
    for (Model m : models) {
      Set<String> upstream = new HashSet<>(ModelCatalog.upstream(m, selected));
      upstream.retainAll(selected.keySet());
      after.put(m.name(), upstream);
    }
    ThreadLocal<Build> builders = ThreadLocal.withInitial(perThread);
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, threads());
    CompletionService<Map.Entry<String, Map<String, Object>>> finished = new ExecutorCompletionService<>(pool);
    List<Model> waiting = new ArrayList<>(models);
    Set<String> built = new HashSet<>();
    int running = 0;
    Throwable failure = null;
    try {
      while (true) {
        if (failure == null) {
          List<Model> ready = new ArrayList<>();
          for (Iterator<Model> it = waiting.iterator(); it.hasNext(); ) {
            Model m = it.next();
            if (built.containsAll(after.get(m.name()))) {
              it.remove();
              ready.add(m);
            }
          }
          ready.sort(java.util.Comparator.comparingLong(inputBytes).reversed());
          for (Model m : ready) {
            running++;
            finished.submit(() -> Map.entry(m.name(), builders.get().build(m)));
          }
        }
        if (running == 0) {
          break;
        }
        try {
          Map.Entry<String, Map<String, Object>> done = finished.take().get();
          built.add(done.getKey());
          outcomes.put(done.getKey(), done.getValue());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          } else {
            failure.addSuppressed(e.getCause());
          }
        } finally {
          running--;
        }
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the models " + waiting, e);
    } finally {
      pool.shutdown();
    }
    dev.loglake.jobs.core.OnThreads.rethrow(failure);
    if (!waiting.isEmpty()) {
      // Cannot happen with an acyclic catalog; a bug if it does, never a silent partial run.
      throw new IllegalStateException("models never became buildable: " + waiting.stream().map(Model::name).toList());
    }
    return inOrder(models, outcomes);
  }

  private static Map<String, Map<String, Object>> inOrder(List<Model> models, Map<String, Map<String, Object>> outcomes) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    models.forEach(m -> out.put(m.name(), outcomes.get(m.name())));
    return out;
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "loglake-model-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
