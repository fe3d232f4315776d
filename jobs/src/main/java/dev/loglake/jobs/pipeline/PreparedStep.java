package dev.loglake.jobs.pipeline;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import org.apache.spark.sql.SparkSession;

/** One pipeline step: a job and its validated config. */
public record PreparedStep<C>(EtlJob<C> job, C config) {

  static <C> PreparedStep<C> prepare(EtlJob<C> job, EtlConfig etl) {
    return new PreparedStep<>(job, job.config(etl));
  }

  JobResult run(SparkSession spark) {
    return job.run(spark, config);
  }
}
