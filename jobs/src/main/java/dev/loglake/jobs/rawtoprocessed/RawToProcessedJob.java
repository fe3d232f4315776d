package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** Bronze to silver: new raw files of each dataset into processed Delta tables, exactly once. */
public final class RawToProcessedJob implements EtlJob<RawToProcessedConfig> {

  public static void main(String[] args) {
    JobRunner.main(new RawToProcessedJob(), args);
  }

  @Override
  public String name() {
    return "raw-to-processed";
  }

  @Override
  public String description() {
    return "ingest new raw files of each dataset into the processed zone's Delta tables";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("datasets", "a,b", "datasets to ingest (default: all configured)"),
        JobOption.value("from", "YYYY-MM-DD", "first date of a range to ingest"),
        JobOption.value("to", "YYYY-MM-DD", "last date of the range"),
        JobOption.flag("reprocess", "reprocess the --from/--to range even if already ingested"));
  }

  @Override
  public RawToProcessedConfig config(EtlConfig config) {
    return RawToProcessedConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, RawToProcessedConfig config) {
    throw EtlErrors.notImplemented(name(), "issue #4");
  }
}
