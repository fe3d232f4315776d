package dev.loglake.jobs.maintain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import dev.loglake.common.catalog.CatalogConfig;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlErrors;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * maintain's options ({@code loglake.jobs.maintain.*}) and the retention of each table.
 *
 * @param minFiles a partition is compacted when it holds more than this many small files
 * @param targetFileSize OPTIMIZE bin-packs into files of about this many bytes; smaller files are "small"
 * @param zOrder table name to the column OPTIMIZE Z-orders that table's compacted partitions by
 * @param vacuumRetention VACUUM keeps every file removed less than this long ago (and the tables'
 *     {@code delta.deletedFileRetentionDuration}, the time-travel window); at least Delta's 7 days
 * @param logRetention the tables' {@code delta.logRetentionDuration}; at least vacuumRetention
 * @param retentionDays per {@code <zone>.<table>}: partitions older than this many days are deleted
 * @param runsDays {@code _runs} and {@code _job_runs} rows older than this many days are deleted (empty: kept)
 * @param ledgerDays {@code _ledger} rows of raw files older than this many days are deleted (empty: kept)
 * @param rawExpirationDays the raw zone's S3 expiration rule, in days (empty: raw files never expire)
 */
public record MaintainConfig(
    EtlConfig etl,
    CatalogConfig catalog,
    int minFiles,
    long targetFileSize,
    Map<String, String> zOrder,
    Duration vacuumRetention,
    Duration logRetention,
    Map<String, Integer> retentionDays,
    OptionalInt runsDays,
    OptionalInt ledgerDays,
    OptionalInt rawExpirationDays) {

  static final String P = "loglake.jobs.maintain";
  /** Delta's VACUUM safety check refuses a shorter retention (spark.databricks.delta.retentionDurationCheck). */
  static final Duration DELTA_MIN_RETENTION = Duration.ofHours(168);

  public MaintainConfig {
    zOrder = Map.copyOf(zOrder);
    retentionDays = Map.copyOf(retentionDays);
    if (minFiles < 1) {
      throw EtlErrors.badValue(P + ".min-files", minFiles, "at least 1 file");
    }
    if (targetFileSize < 1024 * 1024) {
      throw EtlErrors.badValue(P + ".target-file-size", targetFileSize, "at least 1 MiB, e.g. 128m");
    }
    if (vacuumRetention.compareTo(DELTA_MIN_RETENTION) < 0) {
      throw EtlErrors.badValue(P + ".vacuum-retention", vacuumRetention,
          "at least 7d: Delta's safety check refuses less, because a running job may still read the files");
    }
    if (logRetention.compareTo(vacuumRetention) < 0) {
      throw EtlErrors.badValue(P + ".log-retention", logRetention,
          "at least vacuum-retention (" + vacuumRetention + "): time travel needs the log as long as the files");
    }
    if (ledgerDays.isPresent()) {
      if (rawExpirationDays.isEmpty()) {
        throw EtlErrors.badValue(P + ".retention.ledger-days", ledgerDays.getAsInt(),
            "null while raw files never expire (retention.raw-expiration-days is null): a ledger entry deleted"
                + " for a raw file that still exists would let that file be ingested again");
      }
      if (ledgerDays.getAsInt() < rawExpirationDays.getAsInt()) {
        throw EtlErrors.badValue(P + ".retention.ledger-days", ledgerDays.getAsInt(),
            "at least retention.raw-expiration-days (" + rawExpirationDays.getAsInt()
                + "): only raw files the lifecycle rule already deleted may leave the ledger");
      }
    }
  }

  static MaintainConfig from(EtlConfig etl) {
    Config c = etl.config();
    return new MaintainConfig(
        etl,
        CatalogConfig.from(etl),
        Configs.intValue(c, P + ".min-files"),
        bytes(c, P + ".target-file-size"),
        zOrder(c),
        Configs.duration(c, P + ".vacuum-retention"),
        Configs.duration(c, P + ".log-retention"),
        retentionDays(c, etl),
        optionalDays(c, P + ".retention.runs-days"),
        optionalDays(c, P + ".retention.ledger-days"),
        optionalDays(c, P + ".retention.raw-expiration-days"));
  }

  /** The retention of table {@code table} of {@code zone} ("processed", "curated", "quality"), if any. */
  Optional<Integer> retentionOf(String zone, String table) {
    return Optional.ofNullable(retentionDays.get(zone + "." + table))
        .or(() -> Optional.ofNullable(retentionDays.get(zone + ".*")));
  }

  /**
   * Per table: each dataset's retention-days, each curated table's retention-days, else the zone's
   * default (key {@code <zone>.*}).
   */
  private static Map<String, Integer> retentionDays(Config c, EtlConfig etl) {
    Map<String, Integer> out = new TreeMap<>();
    optionalDays(c, P + ".retention.processed-days").ifPresent(d -> out.put("processed.*", d));
    optionalDays(c, P + ".retention.curated-days").ifPresent(d -> out.put("curated.*", d));
    for (DatasetConfig ds : DatasetCatalog.load(etl).values()) {
      optionalDays(ds.config(), "retention-days", "loglake.datasets." + ds.name() + ".retention-days")
          .ifPresent(d -> out.put("processed." + ds.table(), d));
    }
    Config defaults = c.getConfig("loglake.curated-table-defaults");
    for (Map.Entry<String, ConfigValue> e : c.getObject("loglake.curated-tables").entrySet()) {
      String key = "loglake.curated-tables." + e.getKey() + ".retention-days";
      Config own = c.getConfig("loglake.curated-tables." + e.getKey()).withFallback(defaults);
      optionalDays(own, "retention-days", key).ifPresent(d -> out.put("curated." + e.getKey(), d));
    }
    return out;
  }

  private static OptionalInt optionalDays(Config c, String key) {
    return optionalDays(c, key, key).map(OptionalInt::of).orElse(OptionalInt.empty());
  }

  private static Optional<Integer> optionalDays(Config c, String path, String key) {
    if (!c.hasPath(path)) {
      return Optional.empty();
    }
    int days = Configs.intValue(c, path);
    if (days < 1) {
      throw EtlErrors.badValue(key, days, "a number of days of at least 1, or null to keep everything");
    }
    return Optional.of(days);
  }

  private static long bytes(Config c, String key) {
    try {
      return c.getBytes(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw EtlErrors.badValue(key, c.getValue(key).unwrapped(), "a size such as 128m or 1g");
    }
  }

  private static Map<String, String> zOrder(Config c) {
    Map<String, String> out = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getObject(P + ".z-order").entrySet()) {
      Object v = e.getValue().unwrapped();
      if (!(v instanceof String s) || !s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw EtlErrors.badValue(P + ".z-order." + e.getKey(), v, "one column name, e.g. z-order { alb_requests = api }");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }
}
