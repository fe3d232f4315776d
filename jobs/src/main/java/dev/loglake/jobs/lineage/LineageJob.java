package dev.loglake.jobs.lineage;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.processedtocurated.DatasetModels;
import dev.loglake.jobs.processedtocurated.LakeTables;
import dev.loglake.jobs.processedtocurated.Model;
import dev.loglake.jobs.processedtocurated.ModelCatalog;
import dev.loglake.jobs.processedtocurated.ModelFiles;
import dev.loglake.jobs.processedtocurated.TableRef;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Prints the lineage graph raw → processed → curated from the dataset config and the curated
 * models, as text or Graphviz dot ({@code --dot}). A curated table built from other SQL than its
 * model's current file (the hash in its Delta properties differs) is marked.
 */
public final class LineageJob implements EtlJob<LineageConfig> {

  private final PrintStream out;

  public LineageJob() {
    this(System.out);
  }

  public LineageJob(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    JobRunner.main(new LineageJob(), args);
  }

  /** A read-only command: no row in the run history. */
  @Override
  public boolean recordsRun(LineageConfig config) {
    return false;
  }

  @Override
  public String name() {
    return "lineage";
  }

  @Override
  public String description() {
    return "print the lineage graph raw -> processed -> curated (text, or Graphviz with --dot)";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.flag("dot", "print Graphviz dot instead of text"),
        JobOption.value(
            "models-dir", "DIR", "folder of the model files (default: <conf dir>/curated)"));
  }

  @Override
  public LineageConfig config(EtlConfig config) {
    return LineageConfig.from(config);
  }

  /** The dot document is for Graphviz ({@code | dot -Tsvg}): nothing else may be on stdout. */
  @Override
  public boolean stdoutIsData(LineageConfig config) {
    return config.dot();
  }

  @Override
  public JobResult run(SparkSession spark, LineageConfig config) {
    LakeTables lake = new LakeTables(spark, config.etl().zones(), config.datasets());
    List<Model> generated =
        config.datasetModels() ? DatasetModels.of(config.datasets()) : List.of();
    ModelCatalog catalog =
        ModelCatalog.of(
            ModelFiles.read(config.modelsDir(), spark.sparkContext().hadoopConfiguration()),
            generated,
            lake.processedNames(),
            lake::curatedExists);
    List<LineageGraph.Edge> edges = LineageGraph.edges(config.datasets(), catalog.ordered());
    out.print(
        config.dot() ? LineageGraph.dot(edges) : LineageGraph.text(edges, notes(lake, catalog)));
    out.flush();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("edges", edges.size());
    figures.put("models", catalog.ordered().size());
    return JobResult.succeeded(config.etl(), Clock.systemUTC(), figures);
  }

  /** Per curated table: not built yet, or built from other SQL than the current model. */
  private static Map<String, String> notes(LakeTables lake, ModelCatalog catalog) {
    Map<String, String> notes = new LinkedHashMap<>();
    for (Model m : catalog.ordered()) {
      String node = TableRef.curated(m.name()).toString();
      Map<String, String> props = lake.properties(m.name());
      if (props.isEmpty()) {
        notes.put(node, "not built yet");
      } else if (!m.sqlHash().equals(props.get("loglake.model.sql_sha256"))) {
        notes.put(node, "built from other SQL; rebuild with --full-refresh");
      }
    }
    return notes;
  }
}
