package dev.loglake.jobs.healthcheck;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.pipeline.PipelineJob;
import dev.loglake.jobs.sample.SampleDataGenerator;
import dev.loglake.jobs.sample.SampleDataOptions;
import dev.loglake.jobs.sample.SampleDataSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the whole pipeline on a small generated day under scratch prefixes of the lake's zones
 * ({@code <zone>/_health/<run id>}, or a temp lake), checks the counts against what the generator
 * wrote ({@link HealthChecks}), and deletes the scratch prefixes, pass or fail. A failed step or a
 * count that does not match fails the job with exit code 1 and every mismatch named.
 */
public final class HealthCheckJob implements EtlJob<HealthCheckConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(HealthCheckJob.class);
  private final Clock clock;
  private final PipelineJob pipeline;

  public HealthCheckJob() {
    this(Clock.systemUTC());
  }

  public HealthCheckJob(Clock clock) {
    this.clock = clock;
    this.pipeline = new PipelineJob(clock);
  }

  public static void main(String[] args) {
    JobRunner.main(new HealthCheckJob(), args);
  }

  @Override
  public String name() {
    return "health-check";
  }

  @Override
  public String description() {
    return "run the pipeline on a small generated day under scratch prefixes, check its counts, clean up";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("date", "YYYY-MM-DD", "sample day to generate (default: yesterday, UTC)"),
        JobOption.value("seed", "N", "generator seed (default 42)"),
        JobOption.value("alb-mb", "N", "ALB text of the sample day in MiB (default 1)"),
        JobOption.flag("temp-lake", "run in a temp folder, not under the configured zones (local default)"),
        JobOption.value("fault", "drop-raw-file", "drill: break the run on purpose, so the check fails"));
  }

  @Override
  public HealthCheckConfig config(EtlConfig config) {
    return HealthCheckConfig.from(config, pipeline, clock);
  }

  /**
   * No row in the lake's run history: the check leaves the real lake untouched (its AWS role may write
   * only under _health prefixes); its result is its SUMMARY, metrics and alarm.
   */
  @Override
  public boolean recordsRun(HealthCheckConfig config) {
    return false;
  }

  /** In a temp lake the configured lake stays untouched, its _logs folder too. */
  @Override
  public boolean logsToLake(HealthCheckConfig config) {
    return config.tempLake().isEmpty();
  }

  @Override
  public JobResult run(SparkSession spark, HealthCheckConfig config) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, Object> figures;
    try (ScratchLake scratch = new ScratchLake(hadoop, config.scratch(), config.tempLake())) {
      LOG.info("Health check of run {} under {}", config.etl().runId(), scratch.prefixes());
      SampleDataSummary generated = generate(hadoop, config);
      Map<String, Map<String, Object>> steps = runPipeline(spark, config, scratch);
      List<HealthChecks.Check> checks = HealthChecks.verify(generated, steps, config.date());
      checks.forEach(c -> LOG.info("{} {}", c.ok() ? "ok    " : "FAILED", c));
      List<String> failed = HealthChecks.failures(checks);
      if (!failed.isEmpty()) {
        throw EtlErrors.healthCheckFailed(failed, scratch.describe(), null);
      }
      figures = HealthCheckSummary.figures(config, generated, steps, checks.size());
    }
    figures.put("scratch_deleted", true);
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  private static SampleDataSummary generate(Configuration hadoop, HealthCheckConfig config) {
    Path raw = new Path(config.scratch().raw());
    try {
      FileSystem fs = raw.getFileSystem(hadoop);
      SampleDataSummary generated =
          new SampleDataGenerator(fs)
              .generate(raw, new SampleDataOptions(config.date(), 1, config.seed(), config.albMb()));
      if (config.fault().equals(HealthCheckConfig.DROP_RAW_FILE)) {
        dropOneCsvFile(fs, raw);
      }
      return generated;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the health check's sample day under " + raw, e);
    }
  }

  /** The drill: the last CSV file (by path) goes, so its rows are missing from every count. */
  private static void dropOneCsvFile(FileSystem fs, Path raw) throws IOException {
    List<Path> csv = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(raw, true);
    while (files.hasNext()) {
      Path p = files.next().getPath();
      if (p.getName().endsWith(".csv")) {
        csv.add(p);
      }
    }
    Path dropped = csv.stream().max(Path::compareTo).orElseThrow();
    LOG.warn("Drill fault {}: deleting {}", HealthCheckConfig.DROP_RAW_FILE, dropped);
    fs.delete(dropped, false);
  }

  /** The pipeline's step summaries by job; a failed step fails the check, naming the cause. */
  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> runPipeline(
      SparkSession spark, HealthCheckConfig config, ScratchLake scratch) {
    JobResult result;
    try {
      result = pipeline.run(spark, config.pipeline());
    } catch (Exception e) {
      throw EtlErrors.healthCheckFailed(
          List.of("the pipeline failed: " + e.getMessage()), scratch.describe(), e);
    }
    Map<String, Map<String, Object>> steps = new LinkedHashMap<>();
    for (Object step : (List<?>) result.figures().get("steps")) {
      Map<String, Object> s = (Map<String, Object>) step;
      steps.put((String) s.get("job"), s);
    }
    return steps;
  }
}
