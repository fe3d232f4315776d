package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.dataset.PiiSalts;
import dev.loglake.common.error.EtlErrors;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * raw-to-processed's options and the datasets it ingests, validated before Spark starts.
 *
 * @param datasets the selected, enabled datasets, in name order
 * @param range the date folders to list; empty = each dataset's lookback window
 * @param reprocess list the range's files even when the ledger has them
 * @param failAfter test hook, see {@link FaultInjection}
 * @param albMapping how ALB requests map to APIs (the {@code api} column of alb_requests)
 * @param optimize compact and vacuum the tables instead of ingesting
 * @param vacuumRetentionHours files unreferenced for longer than this are deleted by VACUUM
 * @param piiSalts the PII hashing salt of each dataset that hashes a column (never logged)
 */
public record RawToProcessedConfig(
    EtlConfig etl,
    List<DatasetConfig> datasets,
    Optional<DateRange> range,
    boolean reprocess,
    String failAfter,
    AlbApiMapping albMapping,
    boolean optimize,
    long vacuumRetentionHours,
    Map<String, String> piiSalts) {

  public RawToProcessedConfig {
    datasets = List.copyOf(datasets);
    if (reprocess && range.isEmpty()) {
      throw EtlErrors.missingKey(
          etl.jobKey("from"), "--reprocess needs the date range to reprocess: --from and --to.");
    }
    if (!failAfter.isEmpty() && !failAfter.equals(FaultInjection.DATA_COMMIT)) {
      throw EtlErrors.badValue(etl.jobKey("fail-after"), failAfter, "empty or data-commit (a test hook)");
    }
    piiSalts = Map.copyOf(piiSalts);
  }

  /** Never prints the salts. */
  @Override
  public String toString() {
    return "RawToProcessedConfig[run=" + etl.runId() + ", datasets=" + datasets.stream().map(DatasetConfig::name).toList()
        + ", range=" + range + ", reprocess=" + reprocess + ", optimize=" + optimize + "]";
  }

  static RawToProcessedConfig from(EtlConfig etl) {
    String p = "loglake.jobs.raw-to-processed";
    List<DatasetConfig> datasets =
        DatasetCatalog.select(DatasetCatalog.load(etl), Configs.stringList(etl.config(), p + ".datasets"), p + ".datasets");
    return new RawToProcessedConfig(
        etl,
        datasets,
        range(etl, p),
        Configs.booleanValue(etl.config(), p + ".reprocess"),
        etl.config().getString(p + ".fail-after"),
        AlbApiMapping.from(etl.config()),
        Configs.booleanValue(etl.config(), p + ".optimize"),
        retentionHours(etl, p + ".vacuum-retention"),
        PiiSalts.resolve(datasets, etl.config(), System::getenv));
  }

  /**
   * {@code --from/--to}, or {@code --date D}: the files of event day D, which are in D's date folders
   * and, for a day's last minutes of ALB logs, in the next day's. Empty = the lookback window.
   */
  static Optional<DateRange> range(EtlConfig etl, String p) {
    Optional<DateRange> range = DateRange.fromConfig(etl.config(), p);
    if (Configs.optionalString(etl.config(), p + ".date").isEmpty()) {
      return range;
    }
    return range.map(day -> new DateRange(day.from(), day.to().plusDays(1)));
  }

  private static long retentionHours(EtlConfig etl, String key) {
    long hours = Configs.duration(etl.config(), key).toHours();
    if (hours < 168) {
      throw EtlErrors.badValue(key, etl.config().getString(key),
          "at least 168h (7 days): Delta keeps older files so that readers and time travel still work");
    }
    return hours;
  }
}
