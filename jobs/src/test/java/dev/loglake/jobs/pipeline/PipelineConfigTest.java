package dev.loglake.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.jobs.albstatus.AlbStatusConfig;
import dev.loglake.jobs.processedtocurated.ProcessedToCuratedConfig;
import dev.loglake.jobs.quality.QualityConfig;
import dev.loglake.jobs.quality.QualityVerdict;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each step of the pipeline is limited to, with and without --date (no Spark needed). */
class PipelineConfigTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T06:00:00Z"), ZoneOffset.UTC);
  static final LocalDate DAY = LocalDate.parse("2024-03-10");

  @Test
  void dateLimitsEveryStepToThatDayWhateverTodayIs() {
    List<Object> steps = steps("--date", "2024-03-10");

    // Before: only alb-status got the date, so raw-to-processed listed the last 3 days before
    // today and a past day's pipeline failed on a missing alb_requests table.
    assertThat(((RawToProcessedConfig) steps.get(0)).range())
        .contains(new DateRange(DAY, DAY.plusDays(1)));
    assertThat(((QualityConfig) steps.get(1)).range()).contains(DateRange.of(DAY));
    assertThat(((ProcessedToCuratedConfig) steps.get(2)).range()).contains(DateRange.of(DAY));
    assertThat(((QualityConfig) steps.get(3)).range()).contains(DateRange.of(DAY));
    assertThat(((AlbStatusConfig) steps.get(4)).range()).isEqualTo(DateRange.of(DAY));
  }

  @Test
  void qualityChecksTheProcessedDatasetsBeforeCuratedAndTheCuratedTablesAfterIt() {
    PipelineConfig config = config("--date", "2024-03-10");

    assertThat(config.steps()).extracting(PreparedStep::name).containsExactly(
        "raw-to-processed", "quality", "processed-to-curated", "quality-curated", "alb-status");
    QualityConfig processed = config.quality().config();
    QualityConfig curated = config.qualityCurated().config();
    assertThat(processed.gating().zone()).isEqualTo(QualityConfig.Zone.PROCESSED);
    assertThat(processed.datasets()).extracting(d -> d.dataset().name())
        .containsExactly("alb_logs", "transactions", "web_events");
    assertThat(processed.curated()).isEmpty();
    assertThat(curated.gating().zone()).isEqualTo(QualityConfig.Zone.CURATED);
    assertThat(curated.datasets()).isEmpty();
    // conf/quality/: customer_activity_daily, pipeline_freshness, transactions_daily_status,
    // web_events_hourly_by_type and web_kpis_daily
    assertThat(curated.curated()).hasSize(5);
  }

  @Test
  void aStepsOwnRangeWinsOverTheDate() {
    List<Object> steps =
        steps("--date", "2024-03-10", "--loglake.jobs.raw-to-processed.from", "2024-03-01",
            "--loglake.jobs.raw-to-processed.to", "2024-03-12");

    assertThat(((RawToProcessedConfig) steps.get(0)).range())
        .contains(new DateRange(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-03-12")));
    assertThat(((QualityConfig) steps.get(1)).range()).contains(DateRange.of(DAY));
  }

  @Test
  void withoutDateTheStepsAreIncrementalAndTheReportIsYesterdays() {
    List<Object> steps = steps();

    assertThat(((RawToProcessedConfig) steps.get(0)).range()).isEqualTo(Optional.empty());
    assertThat(((QualityConfig) steps.get(1)).range()).isEqualTo(Optional.empty());
    assertThat(((ProcessedToCuratedConfig) steps.get(2)).range()).isEqualTo(Optional.empty());
    assertThat(((QualityConfig) steps.get(3)).range()).isEqualTo(Optional.empty());
    assertThat(((AlbStatusConfig) steps.get(4)).range())
        .isEqualTo(DateRange.of(LocalDate.parse("2026-11-21")));
  }

  @Test
  void curatedBuildsTheVerdictsModelsOrThoseOfItsOwnSelectionNotHeldBack() {
    QualityVerdict verdict = new QualityVerdict(QualityConfig.Zone.PROCESSED, List.of("web_events"),
        List.of("transactions"), List.of("web_kpis_daily", "web_sessions"),
        java.util.Map.of("transactions_daily_status", List.of("transactions")), QualityVerdict.RUN);

    assertThat(PipelineJob.buildable(config().processedToCurated().config(), verdict))
        .containsExactly("web_kpis_daily", "web_sessions");
    // An unknown name still reaches processed-to-curated, which names the models there are.
    assertThat(PipelineJob.buildable(config("--loglake.jobs.processed-to-curated.models",
            "transactions_daily_status,web_kpis_daily,nope").processedToCurated().config(), verdict))
        .containsExactly("web_kpis_daily", "nope");
  }

  private static List<Object> steps(String... args) {
    return config(args).steps().stream().map(s -> (Object) s.config()).toList();
  }

  private static PipelineConfig config(String... args) {
    PipelineJob job = new PipelineJob(CLOCK);
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--loglake.lake.root", "/tmp/unused"));
    all.addAll(List.of(args));
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), CLOCK);
    return job.config(etl);
  }
}
