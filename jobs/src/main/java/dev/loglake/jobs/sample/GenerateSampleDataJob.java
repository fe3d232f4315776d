package dev.loglake.jobs.sample;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes deterministic sample raw data (ALB logs, web events, transactions) into the raw zone, or
 * {@code --output}, through the Hadoop file system, so {@code s3a://} outputs work too.
 */
public final class GenerateSampleDataJob implements EtlJob<GenerateSampleDataJob.Settings> {

  private final Clock clock;

  /** The validated options. */
  public record Settings(EtlConfig etl, String output, SampleDataOptions options) {}

  public GenerateSampleDataJob() {
    this(Clock.systemUTC());
  }

  public GenerateSampleDataJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new GenerateSampleDataJob(), args);
  }

  @Override
  public String name() {
    return "generate-sample-data";
  }

  @Override
  public String description() {
    return "write realistic sample ALB logs, web events and transactions (deterministic per --seed)";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("output", "DIR", "where to write (default: the raw zone)"),
        JobOption.value("days", "N", "number of days (default 1)"),
        JobOption.value("start", "YYYY-MM-DD", "first day (default: yesterday, UTC)"),
        JobOption.value("seed", "N", "random seed (default 42); same seed, same bytes"),
        JobOption.value("alb-mb", "N", "size ALB output to ~N MiB uncompressed (default: a small day)"));
  }

  @Override
  public Settings config(EtlConfig etl) {
    String p = "loglake.jobs.generate-sample-data";
    int days = Configs.intValue(etl.config(), p + ".days");
    int albMb = Configs.intValue(etl.config(), p + ".alb-mb");
    if (days < 1 || days > 366) {
      throw EtlErrors.badValue(p + ".days", days, "a number of days from 1 to 366");
    }
    if (albMb < 0) {
      throw EtlErrors.badValue(p + ".alb-mb", albMb, "0 (default size) or a positive number of MiB");
    }
    LocalDate start =
        Configs.optionalDate(etl.config(), p + ".start").orElseGet(() -> DateRange.yesterday(clock));
    String output = Configs.optionalString(etl.config(), p + ".output").orElse(etl.zones().raw());
    long seed = Configs.longValue(etl.config(), p + ".seed");
    return new Settings(etl, output, new SampleDataOptions(start, days, seed, albMb));
  }

  @Override
  public JobResult run(SparkSession spark, Settings settings) {
    Path root = new Path(settings.output());
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      SampleDataSummary summary = new SampleDataGenerator(fs).generate(root, settings.options());
      System.out.println(summary.describe());
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("output", settings.output());
      figures.put("files", summary.totalFiles());
      figures.put("lines", summary.totalLines());
      figures.put("bytes", summary.totalBytes());
      for (DatasetSummary d : summary.datasets()) {
        figures.put(d.dataset() + "_files", d.files());
        figures.put(d.dataset() + "_lines", d.lines());
      }
      return JobResult.succeeded(settings.etl(), clock, figures);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sample data under " + settings.output(), e);
    }
  }
}
