package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.error.EtlException;
import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.RunLog;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Bronze to silver: new raw files of each dataset into processed Delta tables, exactly once. */
public final class RawToProcessedJob implements EtlJob<RawToProcessedConfig> {

  private static final Logger LOG = LoggerFactory.getLogger(RawToProcessedJob.class);
  private final Clock clock;

  public RawToProcessedJob() {
    this(Clock.systemUTC());
  }

  public RawToProcessedJob(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    JobRunner.main(new RawToProcessedJob(), args);
  }

  @Override
  public java.util.Set<LakeCatalog.Zone> writesZones() {
    return java.util.Set.of(LakeCatalog.Zone.PROCESSED);
  }

  @Override
  public String name() {
    return "raw-to-processed";
  }

  @Override
  public String description() {
    return "ingest new raw files of each dataset into the processed zone's Delta tables";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.value("datasets", "a,b", "datasets to ingest (default: all configured)"),
        JobOption.value("from", "YYYY-MM-DD", "first date of a range to ingest"),
        JobOption.value("to", "YYYY-MM-DD", "last date of the range"),
        JobOption.value("date", "YYYY-MM-DD", "the files of one event day: its folders and the next day's (late ALB files)"),
        JobOption.flag("reprocess", "reprocess the --from/--to range even if already ingested"),
        JobOption.flag("optimize", "compact (OPTIMIZE) and VACUUM the processed tables instead of ingesting"));
  }

  @Override
  public RawToProcessedConfig config(EtlConfig config) {
    return RawToProcessedConfig.from(config);
  }

  /**
   * Writes the {@code _runs} rows of the datasets that ingested files, then their ledger entries:
   * one commit each for all datasets, after all their data (on S3 every commit is several round
   * trips). The ledger comes last: a run killed before it reads the same files again on rerun, and
   * the key-based writes add no row twice.
   */
  private void recordIngested(SparkSession spark, RawToProcessedConfig config, Ledger ledger,
      List<DatasetOutcome> ingested) {
    if (ingested.isEmpty()) {
      return;
    }
    long t0 = System.nanoTime();
    RunLog.append(spark, config.etl().zones().processed(), ingested.stream().map(DatasetOutcome::run).toList());
    Map<String, List<Ledger.Entry>> entries = new LinkedHashMap<>();
    ingested.forEach(o -> entries.put(o.run().dataset(), o.ledger()));
    ledger.record(config.etl().runId(), entries, clock.instant());
    LOG.debug("Run log and ledger of {} datasets written in {} ms", ingested.size(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public JobResult run(SparkSession spark, RawToProcessedConfig config) {
    if (config.optimize()) {
      return JobResult.succeeded(config.etl(), clock, Map.of("optimized", TableMaintenance.optimize(spark, config)));
    }
    Ledger ledger = new Ledger(spark, config.etl().zones());
    DatasetIngestion ingestion = new DatasetIngestion(spark, config, clock);
    config.datasets().forEach(ingestion::checkDerived);
    Map<String, Object> datasets = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    long inputFiles = 0;
    long inputBytes = 0;
    List<DatasetOutcome> ingested = new ArrayList<>();
    for (DatasetConfig ds : config.datasets()) {
      DatasetOutcome outcome;
      try {
        outcome = ingestion.ingest(ds, ledger);
      } catch (EtlException e) {
        // The datasets ingested before it keep their run rows and ledger entries.
        recordIngested(spark, config, ledger, ingested);
        throw e;
      } catch (Exception e) {
        // One dataset failing leaves the others' tables and ledger intact; the run still fails.
        LOG.error("Dataset {} failed", ds.name(), e);
        outcome = DatasetOutcome.failed(config.etl().runId(), ds.name(), clock.instant(), String.valueOf(e.getMessage()));
        failed.add(ds.name());
      }
      if (outcome.ingested()) {
        ingested.add(outcome);
      }
      datasets.put(ds.name(), outcome.toSummary());
      inputFiles += outcome.run().files();
      inputBytes += outcome.inputBytes();
    }
    recordIngested(spark, config, ledger, ingested);
    if (!failed.isEmpty()) {
      throw new DatasetsFailedException(failed, datasets);
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("input_files", inputFiles);
    figures.put("input_bytes", inputBytes);
    figures.put("datasets", datasets);
    return JobResult.succeeded(config.etl(), clock, figures);
  }
}
