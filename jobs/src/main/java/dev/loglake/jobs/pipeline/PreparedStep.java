package dev.loglake.jobs.pipeline;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import org.apache.spark.sql.SparkSession;

/**
 * One pipeline step: its name in the pipeline's SUMMARY ({@code steps[].job}: the job's name, or
 * {@code quality-curated} for the second quality run), the job and its validated config.
 */
public record PreparedStep<C>(String name, EtlJob<C> job, C config) {

  static <C> PreparedStep<C> prepare(String name, EtlJob<C> job, EtlConfig etl) {
    return new PreparedStep<>(name, job, job.config(etl));
  }

  /** The same step with {@code other} as its config (decided after the steps before it ran). */
  PreparedStep<C> with(C other) {
    return new PreparedStep<>(name, job, other);
  }

  JobResult run(SparkSession spark) {
    return job.run(spark, config);
  }
}
