package dev.loglake.tests.aws;

import dev.loglake.jobs.quality.QualityConfig;
import dev.loglake.jobs.quality.QualityVerdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The quality runs' gate files as the quality job writes them ({@link QualityVerdict#gateFileJson}). */
final class GateFiles {

  static final List<String> DATASETS = List.of("alb_logs", "transactions", "web_events");
  /**
   * The models of conf/curated and the generated per-dataset ones, in build order (pipeline_freshness
   * reads curated._runs: after every other model).
   */
  static final List<String> ALL_MODELS = List.of("alb_requests_daily_summary", "alb_requests_hourly_metrics",
      "web_sessions", "customer_activity_daily", "source_statistics", "transactions_daily_status",
      "transactions_daily_summary", "transactions_hourly_metrics", "transactions_top_customers",
      "web_events_daily_summary", "web_events_hourly_by_type", "web_events_hourly_metrics", "web_kpis_daily",
      "web_sessions_daily", "pipeline_freshness");
  /** The models that read every dataset's records (processed._events). */
  static final List<String> EVERY_DATASET_MODELS = List.of("pipeline_freshness", "source_statistics");
  /** The models that read transactions (and those reading every dataset's _events). */
  static final List<String> TRANSACTIONS_MODELS = List.of("customer_activity_daily", "pipeline_freshness",
      "source_statistics", "transactions_daily_status", "transactions_daily_summary", "transactions_hourly_metrics",
      "transactions_top_customers");

  private GateFiles() {}

  /** The processed run's gate file: {@code failed} datasets, {@code build} models, alb_status. */
  static String processed(List<String> failed, List<String> build, String albStatus) {
    Map<String, List<String>> blocked = new LinkedHashMap<>();
    ALL_MODELS.stream().filter(m -> !build.contains(m)).forEach(m -> blocked.put(m, failed));
    return new QualityVerdict(QualityConfig.Zone.PROCESSED, DATASETS.stream().filter(d -> !failed.contains(d)).toList(),
        failed, build, blocked, albStatus).gateFileJson("jr_quality", "error");
  }

  /** The curated run's gate file with {@code failed} curated tables. */
  static String curated(List<String> failed) {
    List<String> tables = List.of("curated.customer_activity_daily", "curated.pipeline_freshness",
        "curated.transactions_daily_status", "curated.web_events_hourly_by_type", "curated.web_kpis_daily");
    return new QualityVerdict(QualityConfig.Zone.CURATED, tables.stream().filter(t -> !failed.contains(t)).toList(),
        failed, List.of(), Map.of(), QualityVerdict.RUN).gateFileJson("jr_quality_curated", "error");
  }
}
