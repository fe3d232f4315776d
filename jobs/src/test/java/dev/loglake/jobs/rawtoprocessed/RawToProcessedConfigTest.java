package dev.loglake.jobs.rawtoprocessed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.error.ConfigException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** raw-to-processed's date options (no Spark). */
class RawToProcessedConfigTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-20T06:00:00Z"), ZoneOffset.UTC);

  @Test
  void aDateIsThatDaysFoldersAndTheNextDaysWhereAlbDeliversItsLastMinutes() {
    assertThat(config("--date", "2024-03-10").range())
        .contains(new DateRange(LocalDate.parse("2024-03-10"), LocalDate.parse("2024-03-11")));
    assertThat(config("--from", "2024-03-10", "--to", "2024-03-10").range())
        .contains(new DateRange(LocalDate.parse("2024-03-10"), LocalDate.parse("2024-03-10")));
    assertThat(config().range()).isEqualTo(Optional.empty());
  }

  @Test
  void aDateAndARangeTogetherIsAConfigErrorNamingTheKey() {
    assertThatThrownBy(() -> config("--date", "2024-03-10", "--from", "2024-03-09", "--to", "2024-03-10"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.jobs.raw-to-processed.date")
        .hasMessageContaining("either --date or --from/--to");
  }

  private static RawToProcessedConfig config(String... args) {
    RawToProcessedJob job = new RawToProcessedJob(CLOCK);
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", "/tmp/unused"));
    all.addAll(List.of(args));
    return job.config(EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), CLOCK));
  }
}
