package dev.loglake.jobs.core;

import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.healthcheck.HealthCheckJob;
import dev.loglake.jobs.lineage.LineageJob;
import dev.loglake.jobs.maintain.MaintainJob;
import dev.loglake.jobs.pipeline.PipelineJob;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedJob;
import dev.loglake.jobs.quality.QualityJob;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import dev.loglake.jobs.sample.GenerateSampleDataJob;
import dev.loglake.jobs.sql.SqlJob;
import java.util.List;

/** Every job the launcher knows, and {@code main} for {@code scripts/loglake --help}. */
public final class Jobs {

  private Jobs() {}

  /** The batch jobs: each is deployed as a Glue job (scripts/aws/loglake.yaml) and can run on a schedule. */
  public static List<EtlJob<?>> all() {
    return List.of(
        new RawToProcessedJob(),
        new QualityJob(),
        new ProcessedToCuratedJob(),
        new AlbStatusJob(),
        new PipelineJob(),
        new GenerateSampleDataJob(),
        new HealthCheckJob(),
        new MaintainJob());
  }

  /** Interactive commands for a person at a terminal, not deployed as Glue jobs. */
  public static List<EtlJob<?>> commands() {
    return List.of(new LineageJob(), new SqlJob());
  }

  /** Prints the usage of every job and command. */
  public static void main(String[] args) {
    for (EtlJob<?> job : all()) {
      System.out.println(JobRunner.usage(job));
    }
    for (EtlJob<?> job : commands()) {
      System.out.println(JobRunner.usage(job));
    }
  }
}
