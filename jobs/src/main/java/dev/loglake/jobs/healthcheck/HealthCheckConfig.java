package dev.loglake.jobs.healthcheck;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.jobs.pipeline.PipelineConfig;
import dev.loglake.jobs.pipeline.PipelineJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * health-check's options, and the pipeline it runs, already validated against the scratch zones.
 *
 * @param date the generated sample day
 * @param seed the generator's seed
 * @param albMb the sample day's ALB text in MiB
 * @param tempLake the temp folder the zones live in, deleted at the end; empty = the configured zones
 * @param scratch the scratch prefix of each zone: {@code <zone>/_health/<run id>}
 * @param fault the drill fault to inject: empty or {@value #DROP_RAW_FILE}
 * @param pipeline the pipeline's steps, configured for the scratch zones and the sample day
 */
public record HealthCheckConfig(
    EtlConfig etl,
    LocalDate date,
    long seed,
    int albMb,
    Optional<String> tempLake,
    LakeZones scratch,
    String fault,
    PipelineConfig pipeline) {

  /** Drill fault: delete one generated transactions file, so the counts cannot match. */
  public static final String DROP_RAW_FILE = "drop-raw-file";

  static final String PREFIX = "loglake.jobs.health-check.";

  public HealthCheckConfig {
    if (albMb < 1) {
      throw EtlErrors.badValue(PREFIX + "alb-mb", albMb, "a size of at least 1 MiB");
    }
    if (!fault.isEmpty() && !fault.equals(DROP_RAW_FILE)) {
      throw EtlErrors.badValue(PREFIX + "fault", fault, "empty or " + DROP_RAW_FILE + " (a drill)");
    }
  }

  static HealthCheckConfig from(EtlConfig etl, PipelineJob pipelineJob, Clock clock) {
    Config c = etl.config();
    Optional<String> tempLake =
        Configs.booleanValue(c, PREFIX + "temp-lake")
            ? Optional.of(
                Path.of(System.getProperty("java.io.tmpdir"), "loglake-health-" + pathSafe(etl.runId()))
                    .toString())
            : Optional.empty();
    LakeZones base = tempLake.map(HealthCheckConfig::zonesUnder).orElse(etl.zones());
    LakeZones scratch = ScratchLake.zones(base, pathSafe(etl.runId()));
    LocalDate date =
        Configs.optionalDate(c, PREFIX + "date").orElseGet(() -> DateRange.yesterday(clock));
    EtlConfig steps =
        new EtlConfig(
            pipelineJob.name(), etl.runId(), etl.startedAt(), etl.env(), scratch, etl.spark(),
            stepConfig(c, scratch, date));
    return new HealthCheckConfig(
        etl,
        date,
        Configs.longValue(c, PREFIX + "seed"),
        Configs.intValue(c, PREFIX + "alb-mb"),
        tempLake,
        scratch,
        Configs.optionalString(c, PREFIX + "fault").orElse(""),
        pipelineJob.config(steps));
  }

  /**
   * The config the pipeline's steps see: the scratch zones, every dataset, the sample day as the
   * date range of quality and alb-status (raw-to-processed lists the next day's folders too), and
   * no report delivery (a sample day's report must not reach the alerts topic).
   */
  private static Config stepConfig(Config c, LakeZones scratch, LocalDate date) {
    Map<String, Object> values =
        Map.ofEntries(
            Map.entry("loglake.zones.raw", scratch.raw()),
            Map.entry("loglake.zones.processed", scratch.processed()),
            Map.entry("loglake.zones.curated", scratch.curated()),
            Map.entry("loglake.zones.quality", scratch.quality()),
            Map.entry("loglake.zones.reports", scratch.reports()),
            Map.entry("loglake.jobs.raw-to-processed.datasets", ""),
            Map.entry("loglake.jobs.raw-to-processed.from", date.toString()),
            // ALB delivers the day's last 5 minutes in objects under the next day's folder.
            Map.entry("loglake.jobs.raw-to-processed.to", date.plusDays(1).toString()),
            Map.entry("loglake.jobs.quality.datasets", ""),
            Map.entry("loglake.jobs.quality.from", date.toString()),
            Map.entry("loglake.jobs.quality.to", date.toString()),
            Map.entry("loglake.jobs.pipeline.date", date.toString()),
            Map.entry("loglake.alb.delivery.enabled", false));
    Config out = c;
    for (Map.Entry<String, Object> e : values.entrySet()) {
      out = out.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
    }
    return out;
  }

  private static LakeZones zonesUnder(String root) {
    return new LakeZones(
        LakeZones.join(root, "raw"),
        LakeZones.join(root, "processed"),
        LakeZones.join(root, "curated"),
        LakeZones.join(root, "quality"),
        LakeZones.join(root, "reports"));
  }

  /** A run id as one path segment (Glue's jr_... and the generated ids are already). */
  private static String pathSafe(String runId) {
    return runId.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
