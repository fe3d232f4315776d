package dev.loglake.jobs.lineage;

import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.jobs.processedtocurated.Model;
import dev.loglake.jobs.processedtocurated.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The lineage graph raw → processed → curated, and its text and Graphviz renderings. No I/O. */
public final class LineageGraph {

  /** One edge: {@code from} feeds {@code to}. */
  public record Edge(String from, String to) {}

  private LineageGraph() {}

  /**
   * Raw locations into processed tables (one per dataset), then processed and curated tables into
   * the models that read them, models in dependency order.
   */
  public static List<Edge> edges(List<DatasetConfig> datasets, List<Model> models) {
    List<Edge> out = new ArrayList<>();
    for (DatasetConfig ds : datasets) {
      String raw =
          "raw:" + ds.raw().path() + " (" + ds.raw().format().name().toLowerCase(Locale.ROOT) + ")";
      out.add(new Edge(raw, TableRef.processed(ds.table()).toString()));
    }
    for (Model m : models) {
      for (TableRef input : m.dependsOn()) {
        out.add(new Edge(input.toString(), TableRef.curated(m.name()).toString()));
      }
    }
    return out;
  }

  /** One line per edge, {@code from -> to}, with a note after a table when there is one. */
  public static String text(List<Edge> edges, Map<String, String> notes) {
    int width = edges.stream().mapToInt(e -> e.from().length()).max().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (Edge e : edges) {
      sb.append(String.format("%-" + width + "s -> %s", e.from(), e.to()));
      String note = notes.get(e.to());
      sb.append(note == null ? "" : "  [" + note + "]").append('\n');
    }
    return sb.toString();
  }

  /** A Graphviz digraph, one cluster per zone. */
  public static String dot(List<Edge> edges) {
    Set<String> nodes = new LinkedHashSet<>();
    edges.forEach(
        e -> {
          nodes.add(e.from());
          nodes.add(e.to());
        });
    StringBuilder sb = new StringBuilder("digraph loglake {\n  rankdir=LR;\n  node [shape=box];\n");
    for (String zone : List.of("raw", "processed", "curated")) {
      List<String> inZone = nodes.stream().filter(n -> zoneOf(n).equals(zone)).toList();
      sb.append("  subgraph cluster_")
          .append(zone)
          .append(" {\n    label=\"")
          .append(zone)
          .append("\";\n");
      inZone.forEach(n -> sb.append("    ").append(quote(n)).append(";\n"));
      sb.append("  }\n");
    }
    sb.append(
        edges.stream()
            .map(e -> "  " + quote(e.from()) + " -> " + quote(e.to()) + ";\n")
            .collect(Collectors.joining()));
    return sb.append("}\n").toString();
  }

  private static String zoneOf(String node) {
    return node.startsWith("raw:") ? "raw" : node.substring(0, node.indexOf('.'));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
