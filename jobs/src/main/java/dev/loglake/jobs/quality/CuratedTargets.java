package dev.loglake.jobs.quality;

import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.processedtocurated.DatasetModels;
import dev.loglake.jobs.processedtocurated.LakeTables;
import dev.loglake.jobs.processedtocurated.Model;
import dev.loglake.jobs.processedtocurated.ModelCatalog;
import dev.loglake.jobs.processedtocurated.ModelFiles;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The curated tables the job scores: each table's rules with the model that builds it, whose {@code
 * partition-by} column the table is checked by. Rules for a table no model builds are a config error.
 */
final class CuratedTargets {

  /** A curated table's rules and its partition column (the model's {@code partition-by}). */
  record Target(CuratedRules rules, String partitionColumn) {}

  private CuratedTargets() {}

  /** The targets of {@code config}'s curated rules, in the same order; reads the models only when there are rules. */
  static List<Target> resolve(SparkSession spark, QualityConfig config) {
    if (config.curated().isEmpty()) {
      return List.of();
    }
    QualityConfig.ModelSource source = config.models();
    LakeTables lake = new LakeTables(spark, config.etl().zones(), source.datasets());
    ModelCatalog catalog = ModelCatalog.of(ModelFiles.read(source.modelsDir(), spark.sparkContext().hadoopConfiguration()),
        source.datasetModels() ? DatasetModels.of(source.datasets()) : List.of(), lake.processedNames(),
        lake::curatedExists);
    return config.curated().stream().map(rules -> new Target(rules, catalog.get(rules.table())
        .map(Model::partitionBy).orElseThrow(() -> EtlErrors.badQualityRules(rules.file(),
            "they are for curated table " + rules.table() + ", which no model builds",
            "Name one of the models " + catalog.ordered().stream().map(Model::name).sorted().toList() + " in "
                + CuratedRules.KEY + ".<model> (conf/quality/<model>.conf), or remove the file and its include line"
                + " in conf/application.conf."))))
        .toList();
  }
}
