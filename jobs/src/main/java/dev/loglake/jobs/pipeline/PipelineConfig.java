package dev.loglake.jobs.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.jobs.core.EtlJob;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The pipeline's steps, each with its config already validated (so a bad key fails before Spark). */
public record PipelineConfig(EtlConfig etl, List<PreparedStep<?>> steps) {

  static final String DATE = "loglake.jobs.pipeline.date";

  public PipelineConfig {
    steps = List.copyOf(steps);
  }

  static PipelineConfig from(EtlConfig etl, List<EtlJob<?>> jobs) {
    Optional<LocalDate> date = Configs.optionalDate(etl.config(), DATE);
    Config stepConfig = date.map(d -> limitToDate(etl.config(), d)).orElse(etl.config());
    List<PreparedStep<?>> steps = new java.util.ArrayList<>();
    for (EtlJob<?> job : jobs) {
      steps.add(PreparedStep.prepare(job, etl.forJob(job.name(), stepConfig)));
    }
    return new PipelineConfig(etl, steps);
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
