package dev.loglake.jobs.maintain;

import dev.loglake.common.io.DeltaCommits;
import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.JobRunLog;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.spark.SmallInputCodegen;
import io.delta.tables.DeltaOptimizeBuilder;
import io.delta.tables.DeltaTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains one Delta table: log and file retention properties, retention by age, compaction of the
 * partitions with many small files, VACUUM. Each step first decides from the table's log ({@link
 * TableSnapshot}, {@link VacuumPlan}) and commits nothing when there is nothing to do.
 */
final class TableMaintainer {

  private static final Logger LOG = LoggerFactory.getLogger(TableMaintainer.class);
  static final String LOG_RETENTION = "delta.logRetentionDuration";
  static final String DELETED_FILE_RETENTION = "delta.deletedFileRetentionDuration";
  static final String STATS_COLUMNS = "delta.dataSkippingStatsColumns";

  private final SparkSession spark;
  private final MaintainConfig config;
  private final Instant now;
  private final Optional<Instant> lastRun;

  /** {@code lastRun}: when the last successful maintain run started (partitions written since are looked at). */
  TableMaintainer(SparkSession spark, MaintainConfig config, Instant now, Optional<Instant> lastRun) {
    this.spark = spark;
    this.config = config;
    this.now = now;
    this.lastRun = lastRun;
  }

  TableReport maintain(String zone, String table, String path) {
    long start = System.nanoTime();
    TableSnapshot before = TableSnapshot.read(spark, path);
    List<String> props = setProperties(path, before, table);
    long expired = expire(zone, table, path, before);
    TableSnapshot current = props.isEmpty() && expired == 0 ? before : TableSnapshot.read(spark, path);
    List<String> compacted = compact(table, path, current);
    long vacuumed = vacuum(path, current);
    TableSnapshot after = compacted.isEmpty() && vacuumed == 0 ? current : TableSnapshot.read(spark, path);
    TableReport r = new TableReport(zone + "." + table, before.files().size(), after.files().size(), before.bytes(),
        after.bytes(), compacted, vacuumed, expired, props, (System.nanoTime() - start) / 1_000_000);
    LOG.debug("Maintained {} ({}): {}", r.table(), path, r.toSummary()); // the step's summary lists what changed
    return r;
  }

  /** Sets the retention properties of a table maintain wrote itself (its _runs); no commit when set. */
  List<String> setProperties(String path, String table) {
    return setProperties(path, TableSnapshot.read(spark, path), table);
  }

  private List<String> setProperties(String path, TableSnapshot snapshot, String table) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put(LOG_RETENTION, interval(config.logRetention()));
    wanted.put(DELETED_FILE_RETENTION, interval(config.vacuumRetention()));
    String zColumn = config.zOrder().get(table);
    String stats = snapshot.properties().get(STATS_COLUMNS);
    if (zColumn != null && stats != null && !List.of(stats.split(",")).contains(zColumn)) {
      // Z-ordering by a column without file statistics skips nothing (Delta refuses it): collect them.
      wanted.put(STATS_COLUMNS, stats + "," + zColumn);
    }
    Map<String, String> differing = snapshot.differing(wanted);
    if (!differing.isEmpty()) {
      String set = differing.entrySet().stream()
          .map(e -> "'" + e.getKey() + "' = '" + e.getValue() + "'").collect(Collectors.joining(", "));
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + set + ")");
    }
    return List.copyOf(differing.keySet());
  }

  /** Retention by age: the date partitions older than the table's retention-days, or old _runs/_job_runs/_ledger rows. */
  private long expire(String zone, String table, String path, TableSnapshot snapshot) {
    if (table.equals(RunLog.TABLE) || table.equals(JobRunLog.TABLE)) {
      return config.runsDays().isPresent()
          ? deleteRows(path, "started_at < TIMESTAMP '" + now.minus(Duration.ofDays(config.runsDays().getAsInt())) + "'") : 0;
    }
    if (table.equals(Ledger.TABLE)) {
      return config.ledgerDays().isPresent()
          ? deleteRows(path, "modification_time < " + now.minus(Duration.ofDays(config.ledgerDays().getAsInt())).toEpochMilli()) : 0;
    }
    Optional<Integer> days = config.retentionOf(zone, table);
    String column = snapshot.partitionColumn();
    if (days.isEmpty() || column == null) {
      return 0;
    }
    LocalDate cutoff = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days.get());
    List<String> old = new ArrayList<>();
    for (String partition : snapshot.byPartition().keySet()) {
      try {
        if (LocalDate.parse(partition).isBefore(cutoff)) {
          old.add(partition);
        }
      } catch (DateTimeParseException e) {
        LOG.warn("Not expiring {}: partition {}={} is not a date", path, column, partition);
        return 0;
      }
    }
    if (!old.isEmpty()) {
      DeltaTable.forPath(spark, path).delete(in(column, old));
      LOG.info("Expired {} partitions of {} older than {}: {}", old.size(), path, cutoff, old);
    }
    return old.size();
  }

  private long deleteRows(String path, String condition) {
    if (spark.read().format("delta").load(path).where(condition).limit(1).count() == 0) {
      return 0;
    }
    return DeltaCommits.metric(DeltaCommits.metricsOf(spark, path, () -> DeltaTable.forPath(spark, path).delete(condition)),
        "numDeletedRows");
  }

  /** OPTIMIZE of the partitions written since the last run that hold more than min-files small files. */
  private List<String> compact(String table, String path, TableSnapshot snapshot) {
    String column = snapshot.partitionColumn();
    Map<String, List<TableSnapshot.DataFile>> partitions = column == null
        ? Map.of("*", snapshot.files()) : snapshot.byPartition();
    List<String> due = new ArrayList<>();
    partitions.forEach((partition, files) -> {
      long small = files.stream().filter(f -> f.size() < config.targetFileSize()).count();
      boolean written = lastRun.isEmpty() || files.stream().anyMatch(f -> f.modificationTime() >= lastRun.get().toEpochMilli());
      if (small > config.minFiles() && written) {
        due.add(partition);
      }
    });
    if (due.isEmpty()) {
      return due;
    }
    DeltaOptimizeBuilder all = DeltaTable.forPath(spark, path).optimize();
    DeltaOptimizeBuilder optimize = column == null ? all : all.where(in(column, due));
    String zColumn = config.zOrder().get(table);
    String size = Long.toString(config.targetFileSize());
    long bytes = due.stream().flatMap(p -> partitions.get(p).stream()).mapToLong(TableSnapshot.DataFile::size).sum();
    SmallInputCodegen.run(spark, bytes, () -> {
      withConf(Map.of("spark.databricks.delta.optimize.maxFileSize", size, "spark.databricks.delta.optimize.minFileSize", size),
          zColumn == null ? optimize::executeCompaction : () -> optimize.executeZOrderBy(zColumn));
      return null;
    });
    return due;
  }

  /**
   * VACUUM when {@link VacuumPlan} finds it due, from the commits up to {@code snapshot}'s version (an
   * OPTIMIZE this run committed after it removed files just now: not deletable yet, so not needed).
   */
  private long vacuum(String path, TableSnapshot snapshot) {
    if (!VacuumPlan.due(CommitHistory.newestFirst(spark, path, snapshot.version()), now, config.vacuumRetention(), lastRun)) {
      return 0;
    }
    double hours = config.vacuumRetention().toMillis() / 3_600_000.0;
    Map<String, String> metrics = new LinkedHashMap<>();
    // Logged VACUUM START/END commits carry the count, and mark this VACUUM for the next VacuumPlan.
    withConf(Map.of("spark.databricks.delta.vacuum.logging.enabled", "true"),
        () -> metrics.putAll(DeltaCommits.metricsOf(spark, path, () -> DeltaTable.forPath(spark, path).vacuum(hours))));
    return DeltaCommits.metric(metrics, "numDeletedFiles");
  }

  private void withConf(Map<String, String> settings, Runnable action) {
    Map<String, String> before = new LinkedHashMap<>();
    settings.forEach((k, v) -> {
      before.put(k, spark.conf().get(k, null));
      spark.conf().set(k, v);
    });
    try {
      action.run();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          spark.conf().unset(k);
        } else {
          spark.conf().set(k, v);
        }
      });
    }
  }

  static String in(String column, List<String> values) {
    return "`" + column + "` IN (" + values.stream().map(v -> "'" + v.replace("'", "''") + "'")
        .collect(Collectors.joining(", ")) + ")";
  }

  /** Delta's interval form of a duration: whole days when it is, else hours. */
  static String interval(Duration d) {
    return d.toHours() % 24 == 0 ? "interval " + d.toDays() + " days" : "interval " + d.toHours() + " hours";
  }
}
