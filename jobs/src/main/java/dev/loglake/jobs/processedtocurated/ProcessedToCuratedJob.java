package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import dev.loglake.common.io.DeltaInputs;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Silver to gold: SQL models over processed tables, recomputed for the changed date partitions.
 * Models run in dependency order; each recomputes the dates its inputs changed since its last
 * successful run (the run logs tell), or every date with {@code --full-refresh}, or {@code
 * --from/--to}. A model with nothing new writes nothing. Independent models are built at the same
 * time ({@code parallelism}, {@link ModelSchedule}).
 */
public final class ProcessedToCuratedJob implements EtlJob<ProcessedToCuratedConfig> {

  private final Clock clock;

  public ProcessedToCuratedJob() {
    this(Clock.systemUTC());
  }

  public ProcessedToCuratedJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new ProcessedToCuratedJob(), args);
  }

  @Override
  public java.util.Set<LakeCatalog.Zone> writesZones() {
    return java.util.Set.of(LakeCatalog.Zone.CURATED);
  }

  @Override
  public String name() {
    return "processed-to-curated";
  }

  @Override
  public String description() {
    return "build the curated tables (SQL models) for the date partitions that changed";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value(
            "models",
            "a,b",
            "models to build (default: all in conf/curated/ and the generated ones)"),
        JobOption.value("from", "YYYY-MM-DD", "first date to recompute"),
        JobOption.value("to", "YYYY-MM-DD", "last date to recompute"),
        JobOption.flag("full-refresh", "rebuild the selected models from scratch"),
        JobOption.flag("allow-empty", "succeed when the --from/--to range holds no input row"),
        JobOption.value(
            "models-dir", "DIR", "folder of the model files (default: <conf dir>/curated)"));
  }

  @Override
  public ProcessedToCuratedConfig config(EtlConfig config) {
    return ProcessedToCuratedConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, ProcessedToCuratedConfig config) {
    Instant start = clock.instant();
    LakeTables lake = new LakeTables(spark, config.etl().zones(), config.datasets());
    ModelCatalog catalog = catalog(spark, config, lake);
    List<Model> models = catalog.select(config.models(), config.etl().jobKey("models"));
    if (config.range().isPresent() && !config.allowEmpty()) {
      List<DeltaInputs.Table> inputs = lake.inputTables(models, catalog);
      if (DeltaInputs.of(spark, inputs, config.range().get()).files() == 0) {
        throw DeltaInputs.noInput(spark, inputs, config.range().get());
      }
    }
    ModelBuilder builder =
        new ModelBuilder(
            spark,
            config,
            catalog,
            lake,
            RunHistory.read(spark, config.etl().zones()),
            clock,
            start);
    Map<String, Map<String, Object>> outcomes;
    try {
      outcomes = ModelSchedule.build(models, config.parallelism(), builder::build,
          () -> builder.on(spark.cloneSession())::build,
          m -> DeltaInputs.of(spark, lake.inputTables(List.of(m), catalog), config.range().orElse(null)).bytes());
    } catch (RuntimeException | Error e) {
      try {
        builder.commitRuns();
      } catch (RuntimeException runsError) {
        e.addSuppressed(runsError);
      }
      throw e;
    }
    builder.commitRuns();
    long built = outcomes.values().stream().filter(o -> o.containsKey("rows_written")).count();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("models_built", built);
    figures.put("models", outcomes);
    figures.putAll(builder.inputFigures().toMap());
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  /** The models of the configured folder and the generated ones, checked against the lake. */
  static ModelCatalog catalog(
      SparkSession spark, ProcessedToCuratedConfig config, LakeTables lake) {
    List<ModelFile> files =
        ModelFiles.read(config.modelsDir(), spark.sparkContext().hadoopConfiguration());
    List<Model> generated =
        config.datasetModels() ? DatasetModels.of(config.datasets()) : List.of();
    return ModelCatalog.of(files, generated, lake.processedNames(), lake::curatedExists);
  }
}
