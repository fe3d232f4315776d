package dev.loglake.jobs.lineage;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedConfig;
import java.util.List;

/**
 * lineage's options.
 *
 * @param dot print Graphviz dot instead of text
 * @param modelsDir where the model files are (as processed-to-curated's)
 * @param datasetModels whether the per-dataset summaries are generated (processed-to-curated's key)
 * @param datasets every configured dataset
 */
public record LineageConfig(
    EtlConfig etl,
    boolean dot,
    String modelsDir,
    boolean datasetModels,
    List<DatasetConfig> datasets) {

  public LineageConfig {
    datasets = List.copyOf(datasets);
  }

  static LineageConfig from(EtlConfig etl) {
    return new LineageConfig(
        etl,
        Configs.booleanValue(etl.config(), "loglake.jobs.lineage.dot"),
        ProcessedToCuratedConfig.modelsDir(etl, "loglake.jobs.lineage.models-dir"),
        Configs.booleanValue(etl.config(), "loglake.jobs.processed-to-curated.dataset-models"),
        List.copyOf(DatasetCatalog.load(etl).values()));
  }
}
