package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlErrors;
import java.util.List;
import java.util.Optional;

/**
 * processed-to-curated's options.
 *
 * @param models the models to build (empty: all)
 * @param range dates to recompute instead of the changed ones
 * @param fullRefresh rebuild the selected models' tables from all their input
 * @param modelsDir where the model files are; empty = the conf/curated copy inside the jar
 * @param datasetModels generate {@code <table>_daily_summary} and {@code _hourly_metrics} per
 *     dataset
 * @param datasets every configured dataset (the processed tables models may read)
 * @param allowEmpty a --from/--to range whose inputs hold no row succeeds instead of failing
 * @param parallelism how many models are built at the same time (1: one after the other)
 */
public record ProcessedToCuratedConfig(
    EtlConfig etl,
    List<String> models,
    Optional<DateRange> range,
    boolean fullRefresh,
    String modelsDir,
    boolean datasetModels,
    List<DatasetConfig> datasets,
    boolean allowEmpty,
    int parallelism) {

  public ProcessedToCuratedConfig {
    models = List.copyOf(models);
    datasets = List.copyOf(datasets);
    if (fullRefresh && range.isPresent()) {
      throw EtlErrors.badValue(
          "loglake.jobs.processed-to-curated.full-refresh",
          true,
          "either --full-refresh or --from/--to, not both");
    }
    if (parallelism < 1) {
      throw EtlErrors.badValue(
          "loglake.jobs.processed-to-curated.parallelism", parallelism, "1 or more (1 builds the models one after the other)");
    }
  }

  /** This config limited to {@code names} (the pipeline's models whose inputs passed the quality gate). */
  public ProcessedToCuratedConfig withModels(List<String> names) {
    return new ProcessedToCuratedConfig(etl, names, range, fullRefresh, modelsDir, datasetModels, datasets, allowEmpty, parallelism);
  }

  static ProcessedToCuratedConfig from(EtlConfig etl) {
    String p = "loglake.jobs.processed-to-curated";
    return new ProcessedToCuratedConfig(
        etl,
        Configs.stringList(etl.config(), p + ".models"),
        DateRange.fromConfig(etl.config(), p),
        Configs.booleanValue(etl.config(), p + ".full-refresh"),
        modelsDir(etl, p + ".models-dir"),
        Configs.booleanValue(etl.config(), p + ".dataset-models"),
        List.copyOf(DatasetCatalog.load(etl).values()),
        Configs.booleanValue(etl.config(), p + ".allow-empty"),
        Configs.intValue(etl.config(), p + ".parallelism"));
  }

  /** The models folder: the key, else {@code <conf dir>/curated}, else "" (the jar's copy). */
  public static String modelsDir(EtlConfig etl, String key) {
    return Configs.optionalString(etl.config(), key)
        .or(
            () ->
                Configs.optionalString(etl.config(), "loglake.conf-dir")
                    .map(d -> LakeZones.join(d, "curated")))
        .orElse("");
  }
}
