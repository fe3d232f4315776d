package dev.loglake.jobs.maintain;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.io.RunLog;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import io.delta.tables.DeltaTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Day-2 operations on every Delta table of the processed, curated and quality zones: compaction of
 * partitions with many small files (Delta OPTIMIZE, Z-ordered where configured), retention by age,
 * log and file retention properties, VACUUM. A table that needs nothing is decided from its log and
 * gets no commit. One row per run goes to the processed zone's {@code _runs} (job maintain).
 */
public final class MaintainJob implements EtlJob<MaintainConfig> {

  static final String JOB = "maintain";
  private final Clock clock;

  public MaintainJob() {
    this(Clock.systemUTC());
  }

  public MaintainJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new MaintainJob(), args);
  }

  @Override
  public String name() {
    return JOB;
  }

  @Override
  public String description() {
    return "compact, expire by age and VACUUM every Delta table of the processed, curated and quality zones";
  }

  @Override
  public List<JobOption> options() {
    return List.of(JobOption.value("min-files", "N", "compact a partition with more than N small files (default 20)"));
  }

  @Override
  public MaintainConfig config(EtlConfig config) {
    return MaintainConfig.from(config);
  }

  @Override
  public JobResult run(SparkSession spark, MaintainConfig config) {
    Instant now = config.etl().startedAt();
    Optional<Instant> lastRun = lastRun(spark, config);
    TableMaintainer maintainer = new TableMaintainer(spark, config, now, lastRun);
    LakeCatalog lake = new LakeCatalog(spark, config.catalog(), config.etl().zones());
    Map<String, Object> tables = new LinkedHashMap<>();
    List<String> changed = new ArrayList<>();
    long slowestIdle = 0;
    for (LakeCatalog.Zone zone : LakeCatalog.Zone.values()) {
      String zoneName = zone.name().toLowerCase(Locale.ROOT);
      for (Map.Entry<String, String> t : lake.tables(zone).entrySet()) {
        TableReport r = maintainer.maintain(zoneName, t.getKey(), t.getValue());
        tables.put(r.table(), r.toSummary());
        if (r.changed()) {
          changed.addAll(r.compacted().stream().map(p -> r.table() + "/" + p).toList());
          changed.add(r.table());
        } else {
          slowestIdle = Math.max(slowestIdle, r.millis());
        }
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("tables_maintained", tables.size());
    figures.put("tables_changed", changed.stream().filter(s -> !s.contains("/")).count());
    figures.put("slowest_unchanged_table_ms", slowestIdle);
    figures.put("tables", tables);
    RunLog.append(spark, config.etl().zones().processed(), new RunLog.Entry(config.etl().runId(), JOB, "*", "SUCCEEDED",
        tables.size(), 0, 0, 0, 0, 0, Map.of(), changed, now, clock.instant(), null));
    // The first run creates _runs after maintaining the tables: set its properties now, not next time.
    maintainer.setProperties(RunLog.path(config.etl().zones().processed()), RunLog.TABLE);
    return JobResult.succeeded(config.etl(), clock, figures);
  }

  /** When the last successful maintain run started, from the processed zone's _runs. */
  private static Optional<Instant> lastRun(SparkSession spark, MaintainConfig config) {
    String path = RunLog.path(config.etl().zones().processed());
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Optional.empty();
    }
    Row r = spark.read().format("delta").load(path)
        .where(col("job").equalTo(JOB).and(col("status").equalTo("SUCCEEDED")))
        .agg(max("started_at")).first();
    return r.isNullAt(0) ? Optional.empty() : Optional.of(r.getTimestamp(0).toInstant());
  }
}
