package dev.loglake.jobs.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.jobs.albstatus.AlbStatusConfig;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.maintain.MaintainConfig;
import dev.loglake.jobs.maintain.MaintainJob;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedConfig;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedJob;
import dev.loglake.jobs.quality.QualityConfig;
import dev.loglake.jobs.quality.QualityJob;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedConfig;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's steps, each with its config already validated (so a bad key fails before Spark):
 * raw-to-processed, quality of the processed datasets, processed-to-curated, quality of the curated
 * tables it built, alb-status.
 */
public record PipelineConfig(
    EtlConfig etl,
    PreparedStep<RawToProcessedConfig> rawToProcessed,
    PreparedStep<QualityConfig> quality,
    PreparedStep<ProcessedToCuratedConfig> processedToCurated,
    PreparedStep<QualityConfig> qualityCurated,
    PreparedStep<AlbStatusConfig> albStatus,
    Optional<PreparedStep<MaintainConfig>> maintain) {

  static final String DATE = "loglake.jobs.pipeline.date";
  /** The second quality run's step name: the curated tables, after processed-to-curated built them. */
  public static final String QUALITY_CURATED = "quality-curated";

  /** The steps, in the order they run. */
  public List<PreparedStep<?>> steps() {
    List<PreparedStep<?>> steps =
        new java.util.ArrayList<>(List.of(rawToProcessed, quality, processedToCurated, qualityCurated, albStatus));
    maintain.ifPresent(steps::add);
    return steps;
  }

  static PipelineConfig from(EtlConfig etl, Clock clock) {
    Optional<LocalDate> date = Configs.optionalDate(etl.config(), DATE);
    Config c = date.map(d -> limitToDate(etl.config(), d)).orElse(etl.config());
    RawToProcessedJob rawToProcessed = new RawToProcessedJob(clock);
    QualityJob quality = new QualityJob(clock);
    ProcessedToCuratedJob curated = new ProcessedToCuratedJob(clock);
    AlbStatusJob albStatus = new AlbStatusJob(clock);
    return new PipelineConfig(
        etl,
        PreparedStep.prepare(rawToProcessed.name(), rawToProcessed, etl.forJob(rawToProcessed.name(), c)),
        PreparedStep.prepare(quality.name(), quality, etl.forJob(quality.name(), inZone(c, QualityConfig.Zone.PROCESSED))),
        PreparedStep.prepare(curated.name(), curated, etl.forJob(curated.name(), c)),
        PreparedStep.prepare(QUALITY_CURATED, quality, etl.forJob(quality.name(), inZone(c, QualityConfig.Zone.CURATED))),
        PreparedStep.prepare(albStatus.name(), albStatus, etl.forJob(albStatus.name(), c)),
        maintain(etl, c, clock));
  }

  /** With --maintain: maintain (compaction, retention, VACUUM) as the last step. */
  private static Optional<PreparedStep<MaintainConfig>> maintain(EtlConfig etl, Config c, Clock clock) {
    if (!Configs.booleanValue(c, "loglake.jobs.pipeline.maintain")) {
      return Optional.empty();
    }
    MaintainJob maintain = new MaintainJob(clock);
    return Optional.of(PreparedStep.prepare(maintain.name(), maintain, etl.forJob(maintain.name(), c)));
  }

  /** quality limited to one zone (of --datasets, the zone's part). */
  private static Config inZone(Config c, QualityConfig.Zone zone) {
    return c.withValue("loglake.jobs.quality.zone", ConfigValueFactory.fromAnyRef(zone.label()));
  }

  /**
   * One day, as the Step Functions machine runs it: every step is limited to {@code date} (a range
   * a step was given explicitly wins), so a past day is processed whatever today is. raw-to-processed
   * also lists the next day's folders, because ALB delivers a day's last minutes there.
   */
  static Config limitToDate(Config config, LocalDate date) {
    Config out =
        config.withValue("loglake.jobs.alb-status.date", ConfigValueFactory.fromAnyRef(date.toString()));
    if (Configs.optionalString(out, "loglake.jobs.raw-to-processed.date").isEmpty()) {
      // raw-to-processed's --date: the day's folders and the next day's.
      out = withRangeUnlessSet(out, "raw-to-processed", date, null);
    }
    out = withRangeUnlessSet(out, "quality", date, date);
    if (out.getBoolean("loglake.jobs.processed-to-curated.full-refresh")) {
      return out; // a rebuild takes no range
    }
    return withRangeUnlessSet(out, "processed-to-curated", date, date);
  }

  /** Sets the job's from/to (its date when {@code to} is null) unless the job was given a range. */
  private static Config withRangeUnlessSet(Config c, String job, LocalDate from, LocalDate to) {
    String prefix = "loglake.jobs." + job + ".";
    if (Configs.optionalString(c, prefix + "from").isPresent()
        || Configs.optionalString(c, prefix + "to").isPresent()) {
      return c;
    }
    if (to == null) {
      return c.withValue(prefix + "date", ConfigValueFactory.fromAnyRef(from.toString()));
    }
    return c.withValue(prefix + "from", ConfigValueFactory.fromAnyRef(from.toString()))
        .withValue(prefix + "to", ConfigValueFactory.fromAnyRef(to.toString()));
  }
}
