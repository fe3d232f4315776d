package dev.loglake.jobs.albstatus;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** The daily ALB API status: per-API aggregates, and the PDF/CSV/JSON report. */
public final class AlbStatusJob implements EtlJob<AlbStatusConfig> {

  private final Clock clock;

  public AlbStatusJob() {
    this(Clock.systemUTC());
  }

  public AlbStatusJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new AlbStatusJob(), args);
  }

  @Override
  public String name() {
    return "alb-status";
  }

  @Override
  public String description() {
    return "aggregate ALB requests per API and day, and write the status report";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("date", "YYYY-MM-DD", "UTC day to report (default: yesterday)"),
        JobOption.value("from", "YYYY-MM-DD", "first day of a range"),
        JobOption.value("to", "YYYY-MM-DD", "last day of the range"),
        JobOption.value("source", "processed|raw", "read processed.alb_requests or raw ALB files"),
        JobOption.value("input", "PATH", "with --source raw: ALB files, folder or AWSLogs/ prefix"));
  }

  @Override
  public AlbStatusConfig config(EtlConfig config) {
    return AlbStatusConfig.from(config, clock);
  }

  @Override
  public JobResult run(SparkSession spark, AlbStatusConfig config) {
    throw EtlErrors.notImplemented(name(), "issue #5");
  }
}
