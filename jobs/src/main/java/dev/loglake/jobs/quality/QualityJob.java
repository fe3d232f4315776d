package dev.loglake.jobs.quality;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Deequ checks per dataset and date partition, a 0-100 score, and the gate (exit 3). */
public final class QualityJob implements EtlJob<QualityConfig> {

  public static void main(String[] args) {
    JobRunner.main(new QualityJob(), args);
  }

  @Override
  public String name() {
    return "quality";
  }

  @Override
  public String description() {
    return "score the processed partitions touched by the last runs; exit 3 if an error-level rule fails";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("datasets", "a,b", "datasets to check (default: all)"),
        JobOption.value("from", "YYYY-MM-DD", "first date to check"),
        JobOption.value("to", "YYYY-MM-DD", "last date to check"),
        JobOption.flag("profile", "also write a column profile per dataset"));
  }

  @Override
  public QualityConfig config(EtlConfig config) {
    return QualityConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, QualityConfig config) {
    throw EtlErrors.notImplemented(name(), "issue #7");
  }
}
