package dev.loglake.jobs.quality;

import dev.loglake.jobs.processedtocurated.DatasetModels;
import dev.loglake.jobs.processedtocurated.LakeTables;
import dev.loglake.jobs.processedtocurated.Model;
import dev.loglake.jobs.processedtocurated.ModelCatalog;
import dev.loglake.jobs.processedtocurated.ModelFiles;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;

/**
 * processed-to-curated's models as the quality job sees them: which model builds a curated table,
 * and which datasets each model reads (through its processed tables and the curated models it reads).
 */
final class ModelLineage {

  private final ModelCatalog catalog;
  private final LakeTables lake;

  private ModelLineage(ModelCatalog catalog, LakeTables lake) {
    this.catalog = catalog;
    this.lake = lake;
  }

  /** The models of {@code config}'s model source, checked against the lake as processed-to-curated does. */
  static ModelLineage load(SparkSession spark, QualityConfig config) {
    QualityConfig.ModelSource source = config.models();
    LakeTables lake = new LakeTables(spark, config.etl().zones(), source.datasets());
    ModelCatalog catalog = ModelCatalog.of(ModelFiles.read(source.modelsDir(), spark.sparkContext().hadoopConfiguration()),
        source.datasetModels() ? DatasetModels.of(source.datasets()) : List.of(), lake.processedNames(),
        lake::curatedExists);
    return new ModelLineage(catalog, lake);
  }

  /** Every model, each after the models it reads. */
  List<Model> models() {
    return catalog.ordered();
  }

  ModelCatalog catalog() {
    return catalog;
  }

  /** The datasets {@code model} reads, directly or through other models. */
  Set<String> datasetsOf(Model model) {
    Set<String> out = new TreeSet<>();
    catalog.processedInputs(model).forEach(table -> out.addAll(lake.datasetsIn(table)));
    return out;
  }

  /** The datasets whose records {@code processed.<table>} holds. */
  Set<String> datasetsIn(String processedTable) {
    return lake.datasetsIn(processedTable);
  }
}
