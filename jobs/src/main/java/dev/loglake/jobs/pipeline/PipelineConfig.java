package dev.loglake.jobs.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.jobs.core.EtlJob;
import java.util.List;
import java.util.Optional;

/** The pipeline's steps, each with its config already validated (so a bad key fails before Spark). */
public record PipelineConfig(EtlConfig etl, List<PreparedStep<?>> steps) {

  public PipelineConfig {
    steps = List.copyOf(steps);
  }

  static PipelineConfig from(EtlConfig etl, List<EtlJob<?>> jobs) {
    Optional<String> date = Configs.optionalString(etl.config(), "loglake.jobs.pipeline.date");
    Config config = etl.config();
    if (date.isPresent()) {
      config = config.withValue("loglake.jobs.alb-status.date", ConfigValueFactory.fromAnyRef(date.get()));
    }
    Config stepConfig = config;
    List<PreparedStep<?>> steps = new java.util.ArrayList<>();
    for (EtlJob<?> job : jobs) {
      steps.add(PreparedStep.prepare(job, etl.forJob(job.name(), stepConfig)));
    }
    return new PipelineConfig(etl, steps);
  }
}
