package dev.loglake.jobs.core;

import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A job for runner tests: reports the config values it was given as its figures. */
final class ProbeJob implements EtlJob<ProbeJob.Settings> {

  record Settings(EtlConfig etl, Map<String, Object> values) {}

  @Override
  public String name() {
    return "probe";
  }

  @Override
  public String description() {
    return "test probe";
  }

  @Override
  public List<JobOption> options() {
    return List.of(JobOption.value("a", "VALUE", "sets loglake.jobs.probe.a"));
  }

  /** A probe of arguments and config (often of an AWS env with made-up buckets): no run history row. */
  @Override
  public boolean recordsRun(Settings settings) {
    return false;
  }

  @Override
  public Settings config(EtlConfig etl) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String k : List.of("a", "b", "c", "d", "e")) {
      values.put(k, etl.config().getString(etl.jobKey(k)));
    }
    values.put("n", Configs.intValue(etl.config(), etl.jobKey("n")));
    values.put("raw", etl.zones().raw());
    values.put("reports", etl.zones().reports());
    return new Settings(etl, values);
  }

  @Override
  public JobResult run(SparkSession spark, Settings settings) {
    Map<String, Object> figures = new LinkedHashMap<>(settings.values());
    figures.put("spark_version", spark.version());
    return JobResult.succeeded(settings.etl(), Clock.systemUTC(), figures);
  }
}
