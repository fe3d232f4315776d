package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Silver to gold: SQL models over processed tables, recomputed for the changed date partitions. */
public final class ProcessedToCuratedJob implements EtlJob<ProcessedToCuratedConfig> {

  public static void main(String[] args) {
    JobRunner.main(new ProcessedToCuratedJob(), args);
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
        JobOption.value("models", "a,b", "models to build (default: all in conf/curated/)"),
        JobOption.value("from", "YYYY-MM-DD", "first date to recompute"),
        JobOption.value("to", "YYYY-MM-DD", "last date to recompute"),
        JobOption.flag("full-refresh", "rebuild the selected models from scratch"));
  }

  @Override
  public ProcessedToCuratedConfig config(EtlConfig config) {
    return ProcessedToCuratedConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, ProcessedToCuratedConfig config) {
    throw EtlErrors.notImplemented(name(), "issue #6");
  }
}
