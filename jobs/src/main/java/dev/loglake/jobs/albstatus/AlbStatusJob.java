package dev.loglake.jobs.albstatus;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.gold.AlbStatus;
import dev.loglake.common.report.DeliveryResult;
import dev.loglake.common.report.StatusReport;
import dev.loglake.common.spark.SmallInputCodegen;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The daily ALB API status: per-API aggregates, and the PDF/CSV/JSON report. */
public final class AlbStatusJob implements EtlJob<AlbStatusConfig> {

  /** The processed table alb-status reads with {@code --source processed} (the default). */
  public static final String PROCESSED_TABLE = AlbRequestsSource.TABLE;

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
  public java.util.Set<LakeCatalog.Zone> writesZones() {
    return java.util.Set.of(LakeCatalog.Zone.CURATED);
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
        JobOption.value(
            "input", "PATH", "with --source raw: an ALB file, any folder of them, or AWSLogs/ prefix"),
        JobOption.flag("allow-empty", "report an empty range instead of failing when it has no input"));
  }

  @Override
  public AlbStatusConfig config(EtlConfig config) {
    return AlbStatusConfig.from(config, clock);
  }

  /** Read, aggregate, replace the range's dates in the curated tables, then report and deliver. */
  @Override
  public JobResult run(SparkSession spark, AlbStatusConfig config) {
    DateRange range = config.range();
    AlbRequestsSource.Aggregated read = AlbRequestsSource.aggregate(spark, config);
    // The aggregation of a processed source runs in the first write; the rest is small whatever the input.
    Map<String, Object> figures = SmallInputCodegen.run(spark, read.inputBytes(), () -> {
      AlbStatus.Tables status = read.tables();
      String dailyPath = AlbStatusTables.path(config.etl().zones(), AlbStatusTables.DAILY);
      String hourlyPath = AlbStatusTables.path(config.etl().zones(), AlbStatusTables.HOURLY);
      AlbStatusTables.replaceDates(status.daily(), dailyPath, range);
      AlbStatusTables.replaceDates(status.hourly(), hourlyPath, range);

      StatusReport report =
          AlbStatusReporting.collect(
              AlbStatusTables.read(spark, dailyPath, range),
              AlbStatusTables.read(spark, hourlyPath, range),
              config);
      Optional<DeliveryResult> delivered = AlbStatusReporting.writeAndDeliver(spark, report, config);
      return figures(config, status, report, delivered);
    });
    figures.putAll(read.inputFigures());
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  private static Map<String, Object> figures(
      AlbStatusConfig config,
      AlbStatus.Tables status,
      StatusReport report,
      Optional<DeliveryResult> delivered) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("from", config.range().from().toString());
    f.put("to", config.range().to().toString());
    f.put("source", config.source().name().toLowerCase(java.util.Locale.ROOT));
    if (config.source() == AlbStatusConfig.Source.RAW) {
      // Lines the ALB parser rejected and files it could not read are not requests: say so.
      f.put("rejected_lines", status.rejectedLines());
      f.put("unreadable_files", status.unreadableFiles());
    }
    f.put("requests", report.totals().requests());
    f.put("apis", report.perApi().size());
    f.put("daily_rows", report.daily().size());
    f.put("hourly_rows", report.hourly().size());
    f.put("error_rate", report.totals().errorRate());
    delivered.ifPresent(
        d -> {
          f.put("report_pdf", d.paths().get(0));
          f.put("report_csv", d.paths().get(1));
          f.put("report_json", d.paths().get(2));
          d.link()
              .ifPresent(
                  l -> {
                    f.put("report_link", l.url());
                    // ISO-8601 UTC: a presigned link ends with the credentials that signed it.
                    f.put("report_link_expires_at", l.expiresAt().toString());
                  });
          d.messageId().ifPresent(id -> f.put("sns_message_id", id));
          d.deliveryError().ifPresent(e -> f.put("delivery_error", e));
        });
    return f;
  }
}
