package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.error.EtlErrors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The curated models, checked and in dependency order: every model comes after the curated models
 * it reads. A reference to a table that does not exist, or a dependency cycle, is a {@code
 * ConfigException} naming the model file.
 */
public final class ModelCatalog {

  private final List<Model> ordered;

  private ModelCatalog(List<Model> ordered) {
    this.ordered = List.copyOf(ordered);
  }

  /**
   * Builds the catalog of {@code files} over {@code generated} models (a file of the same name
   * replaces a generated model). {@code processedTables} are the tables {@code processed.x} may
   * name; {@code curatedTableExists} says whether a curated table no model builds exists (such as
   * {@code alb_status_daily}).
   */
  public static ModelCatalog of(
      List<ModelFile> files,
      List<Model> generated,
      Set<String> processedTables,
      Predicate<String> curatedTableExists) {
    Map<String, Model> byName = new TreeMap<>();
    generated.forEach(m -> byName.put(m.name(), m));
    files.forEach(f -> byName.put(f.name(), ModelParser.parse(f)));
    for (Model m : byName.values()) {
      for (TableRef ref : m.dependsOn()) {
        boolean exists =
            ref.isCurated()
                ? byName.containsKey(ref.table())
                    || curatedTableExists.test(ref.table())
                    || LakeTables.CURATED_SYSTEM.contains(ref.table())
                : processedTables.contains(ref.table());
        if (!exists) {
          throw EtlErrors.badModel(
              m.origin(),
              "it reads " + ref + ", which does not exist",
              "Known tables: processed."
                  + String.join(", processed.", new java.util.TreeSet<>(processedTables))
                  + ", curated."
                  + String.join(", curated.", LakeTables.CURATED_SYSTEM)
                  + ", and curated.<model> for the models "
                  + byName.keySet()
                  + ".");
        }
      }
    }
    return new ModelCatalog(order(byName));
  }

  /** Every model, each after the models it reads. */
  public List<Model> ordered() {
    return ordered;
  }

  public Optional<Model> get(String name) {
    return ordered.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /**
   * The processed tables {@code model} reads, directly or through the curated models it reads (a
   * curated table no model builds, such as {@code alb_status_daily}, adds none).
   */
  public Set<String> processedInputs(Model model) {
    Set<String> out = new TreeSet<>();
    Set<String> seen = new HashSet<>();
    Deque<Model> todo = new ArrayDeque<>(List.of(model));
    while (!todo.isEmpty()) {
      Model m = todo.pop();
      if (!seen.add(m.name())) {
        continue;
      }
      for (TableRef ref : m.dependsOn()) {
        if (ref.isCurated()) {
          get(ref.table()).ifPresent(todo::push);
        } else {
          out.add(ref.table());
        }
      }
    }
    return out;
  }

  /**
   * The models named in {@code names} (all when empty), in dependency order; unknown names are an
   * error.
   */
  public List<Model> select(List<String> names, String key) {
    for (String n : names) {
      if (get(n).isEmpty()) {
        throw EtlErrors.badValue(
            key, n, "one of the models " + ordered.stream().map(Model::name).sorted().toList());
      }
    }
    return ordered.stream().filter(m -> names.isEmpty() || names.contains(m.name())).toList();
  }

  /**
   * The models {@code m} is built after: the curated models it reads and, when it reads the job's
   * run history ({@code curated._runs}), every model that does not, so that it sees their runs of the
   * same job run.
   */
  static Set<String> upstream(Model m, Map<String, Model> byName) {
    Set<String> out = new TreeSet<>(m.curatedInputs());
    out.removeAll(LakeTables.CURATED_SYSTEM);
    if (readsRunHistory(m)) {
      byName.values().stream()
          .filter(other -> !readsRunHistory(other))
          .forEach(other -> out.add(other.name()));
    }
    return out;
  }

  private static boolean readsRunHistory(Model m) {
    return m.curatedInputs().stream().anyMatch(LakeTables.CURATED_SYSTEM::contains);
  }

  /** Depth-first order; a back edge is a cycle, reported with its path. */
  private static List<Model> order(Map<String, Model> byName) {
    Map<String, Integer> state = new LinkedHashMap<>();
    List<Model> out = new ArrayList<>();
    for (String name : byName.keySet()) {
      visit(name, byName, state, new ArrayList<>(), out);
    }
    return out;
  }

  private static void visit(
      String name,
      Map<String, Model> byName,
      Map<String, Integer> state,
      List<String> path,
      List<Model> out) {
    Model m = byName.get(name);
    if (m == null || state.getOrDefault(name, 0) == 2) {
      return;
    }
    path.add(name);
    if (state.getOrDefault(name, 0) == 1) {
      List<String> cycle = path.subList(path.indexOf(name), path.size());
      throw EtlErrors.badModel(
          m.origin(),
          "its dependencies form a cycle: curated." + String.join(" -> curated.", cycle),
          "A model may read other curated models, but not itself through them; remove one of these"
              + " references.");
    }
    state.put(name, 1);
    for (String input : upstream(m, byName)) {
      visit(input, byName, state, path, out);
    }
    state.put(name, 2);
    path.remove(path.size() - 1);
    out.add(m);
  }
}
