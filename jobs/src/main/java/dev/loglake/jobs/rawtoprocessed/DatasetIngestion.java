package dev.loglake.jobs.rawtoprocessed;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.dataset.RawSource;
import dev.loglake.common.silver.SilverAlb;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.io.DeltaSink;
import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.Quarantine;
import dev.loglake.common.io.RawFile;
import dev.loglake.common.io.RawFileLister;
import dev.loglake.common.io.RawRecords;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.silver.Silver;
import dev.loglake.common.silver.SilverDerive;
import dev.loglake.common.silver.SilverTyping;
import dev.loglake.common.alb.AlbLogSchema;
import dev.loglake.common.spark.DiskRows;
import dev.loglake.common.spark.SmallInputCodegen;
import io.delta.tables.DeltaTable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dataset through raw-to-processed: list new files, read, conform, write the valid rows
 * (insert-if-absent on the record key) and the quarantine. Its {@code _runs} and ledger rows are
 * returned in its {@link DatasetOutcome}: the job writes them after every dataset's data
 * ({@link RawToProcessedJob}). The ledger is written last, so a run killed before it reprocesses its
 * files on rerun and the key-based writes keep the tables free of duplicates.
 */
final class DatasetIngestion {

  private static final Logger LOG = LoggerFactory.getLogger(DatasetIngestion.class);

  private final SparkSession spark;
  private final RawToProcessedConfig config;
  private final Clock clock;

  DatasetIngestion(SparkSession spark, RawToProcessedConfig config, Clock clock) {
    this.spark = spark;
    this.config = config;
    this.clock = clock;
  }

  DatasetOutcome ingest(DatasetConfig ds, Ledger ledger) {
    List<RawFile> files = newFiles(ds, ledger);
    if (files.isEmpty()) {
      String hint = config.range().isPresent() ? null : outsideWindow(ds);
      if (hint == null) {
        LOG.info("{}: no new raw files", ds.name());
      } else {
        LOG.warn("{}: no new raw files; {}", ds.name(), hint);
      }
      return DatasetOutcome.nothingNew(config.etl().runId(), ds.name(), clock.instant(), hint);
    }
    LOG.debug("{}: {} new raw files", ds.name(), files.size());
    Silver.Batch batch =
        new Silver.Batch(config.etl().runId(), clock.instant(), config.piiSalts().getOrDefault(ds.name(), ""));
    FileChecks checks = FileChecks.of(ds, files);
    long t0 = System.nanoTime();
    long bytes = checks.toRead().stream().mapToLong(RawFile::size).sum();
    Ingested done = checks.toRead().isEmpty() ? new Ingested(BatchStats.none(), 0)
        : SmallInputCodegen.run(spark, bytes, () -> readAndWrite(ds, checks.toRead(), batch, t0));
    BatchStats stats = done.stats().withRejected(checks.rejected());
    FaultInjection.afterDataCommit(config);
    DatasetOutcome outcome = outcome(ds, files, stats, done.written(), batch.ingestedAt());
    // The console's one line for the dataset.
    LOG.info("{}: {} files, {} rows read, {} written, {} quarantined, {} duplicate, in {} s", ds.name(),
        outcome.run().files(), outcome.run().rowsRead(), outcome.run().rowsWritten(), outcome.run().rowsQuarantined(),
        outcome.run().rowsDuplicate(), String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    return outcome;
  }

  /** The figures of a batch and the rows it added to the table. */
  private record Ingested(BatchStats stats, long written) {}

  /** Reads and conforms {@code files}, then writes the valid rows and the quarantine. */
  private Ingested readAndWrite(DatasetConfig ds, List<RawFile> files, Silver.Batch batch, long t0) {
    Dataset<Row> typed = SilverDerive.apply(
        BronzeReader.read(spark, ds, files, ds.addColumns() ? extraColumns(ds, files) : null), ds.derive());
    List<String> columns = columnsOf(typed);
    // Derived columns are functions of the record: they stay out of its hash, so a changed expression
    // does not make an already ingested record look new.
    List<String> hashed = columns.stream().filter(c -> !ds.addedColumns().contains(c)).toList();
    try (DiskRows kept = DiskRows.keep(Silver.conform(typed, ds, hashed, batch))) {
      Dataset<Row> conformed = kept.dataset();
      BatchStats stats = BatchStats.of(conformed);
      LOG.debug("{}: read, conformed and counted in {} ms", ds.name(), (System.nanoTime() - t0) / 1_000_000);
      if (ds.failOnUnreadableFile() && !stats.failedFiles().isEmpty()) {
        throw EtlErrors.unreadableInput(stats.failedFiles().keySet().iterator().next(),
            stats.failedFiles().values().iterator().next(),
            "Fix or remove the file, or set loglake.datasets." + ds.name() + ".fail-on-unreadable-file = false.");
      }
      // Every row of a file that could not be read whole is dropped: the file is recorded as failed
      // and is read again once it is fixed (a new size or time makes it a new ledger entry).
      Dataset<Row> usable = conformed.where(col(RawRecords.FILE_ERROR).isNull());
      if (!stats.failedFiles().isEmpty()) {
        usable = usable.where(not(col(RawRecords.SOURCE_FILE).isin(stats.failedFiles().keySet().toArray())));
      }
      LOG.debug("{}: {} valid rows, {} repeating an earlier row's key", ds.name(), stats.validRows(),
          stats.repeatedKeys());
      long written =
          writeValid(ds, usable.where(size(col(Silver.REASONS)).equalTo(0)), stats.repeatedKeys() > 0,
              stats.validDates());
      LOG.debug("{}: {} rows written in {} ms", ds.name(), written, (System.nanoTime() - t0) / 1_000_000);
      // Without rejected rows there is nothing to scan the batch for, once the table exists.
      if (stats.quarantined() > 0
          || !DeltaTable.isDeltaTable(spark, Quarantine.path(config.etl().zones(), ds.name()))) {
        Quarantine.write(spark, config.etl().zones(), ds.name(), usable.where(size(col(Silver.REASONS)).gt(0)), columns);
      }
      LOG.debug("{}: quarantine written at {} ms", ds.name(), (System.nanoTime() - t0) / 1_000_000);
      return new Ingested(stats, written);
    }
  }

  /**
   * Fails with a config error when one of the dataset's derived columns does not resolve against its
   * typed columns: before any dataset is ingested, not when its first file arrives.
   */
  void checkDerived(DatasetConfig ds) {
    if (ds.derive().isEmpty()) {
      return;
    }
    StructType typed =
        ds.raw().format() == RawSource.Format.ALB
            ? AlbLogSchema.schema()
            : SilverTyping.typeFields(spark.createDataFrame(List.of(), RawRecords.SCHEMA), ds.schema(), List.of())
                .schema();
    SilverDerive.check(spark, ds.name(), typed, ds.derive());
  }

  private List<RawFile> newFiles(DatasetConfig ds, Ledger ledger) {
    DateRange range = config.range().orElseGet(() -> lookback(ds));
    long t0 = System.nanoTime();
    List<RawFile> listed = RawFileLister.list(spark.sparkContext().hadoopConfiguration(), ds.raw(), range);
    List<RawFile> out = config.reprocess() ? listed : ledger.unrecorded(ds.name(), listed);
    // scripts/bench-ledger.sh reads this line: the listing's result, against the ledger's size.
    LOG.debug("{}: {} files listed, {} new; listing and ledger lookup in {} ms, {} ms after the JVM start", ds.name(),
        listed.size(), out.size(), (System.nanoTime() - t0) / 1_000_000,
        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    return out;
  }

  private DateRange lookback(DatasetConfig ds) {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return new DateRange(today.minusDays(ds.lookbackDays() - 1L), today);
  }

  /**
   * Valid rows, one per record key (the first by source file and line), inserted if new. Most
   * batches (every ALB delivery) repeat no key, and then the rows are written as they are: shuffling
   * whole rows to drop repeats is the costliest step of a batch.
   */
  private long writeValid(DatasetConfig ds, Dataset<Row> valid, boolean repeatedKeys, List<String> dates) {
    Dataset<Row> unique = valid;
    if (repeatedKeys) {
      unique =
          valid
              .withColumn("_rank", row_number().over(Window.partitionBy(col(Silver.RECORD_KEY))
                  .orderBy(col(RawRecords.SOURCE_FILE), col(RawRecords.LINE_NUMBER))))
              .where(col("_rank").equalTo(1))
              .drop("_rank");
    }
    unique = unique.drop(RawRecords.RAW, RawRecords.MALFORMED, RawRecords.FILE_ERROR, Silver.REASONS, Silver.REASON);
    if (ds.raw().format() == RawSource.Format.ALB) {
      // alb_requests carries the API and status columns the ALB status job and analysts need.
      unique = SilverAlb.enrich(unique, config.albMapping());
    }
    String path = LakeZones.join(config.etl().zones().processed(), ds.table());
    // File statistics where queries filter: the event time and the ingestion time (incremental reads).
    List<String> stats = new ArrayList<>(ds.eventTime().stream().toList());
    stats.add(Silver.INGESTED_AT);
    return DeltaSink.insertNew(
        spark, path, unique, Silver.RECORD_KEY, Silver.DATE, dates, ds.addColumns(), stats);
  }

  private DatasetOutcome outcome(
      DatasetConfig ds, List<RawFile> files, BatchStats stats, long written, Instant start) {
    RunLog.Entry run =
        new RunLog.Entry(config.etl().runId(), DatasetOutcome.JOB, ds.name(), "SUCCEEDED", files.size(),
            stats.failedFiles().size(), stats.rowsRead(), written, stats.quarantined(),
            stats.validRows() - written, stats.reasons(), stats.validDates(), start, clock.instant(), null);
    return new DatasetOutcome(run, stats.failedFiles(), files.stream().mapToLong(RawFile::size).sum(), null,
        LedgerEntries.of(files, stats));
  }

  /**
   * Where the dataset's files are when the lookback window has none: its date folders outside the
   * window (folders only, no file is listed) and the options that read them; null when there are
   * none or the layout has no date folders.
   */
  private String outsideWindow(DatasetConfig ds) {
    DateRange window = lookback(ds);
    java.util.SortedSet<LocalDate> outside =
        RawFileLister.dateFolders(spark.sparkContext().hadoopConfiguration(), ds.raw());
    outside.removeIf(d -> !d.isBefore(window.from()) && !d.isAfter(window.to()));
    if (outside.isEmpty()) {
      return null;
    }
    DateRange held = new DateRange(outside.first(), outside.last());
    String dates = outside.size() <= 10
        ? outside.stream().map(LocalDate::toString).collect(java.util.stream.Collectors.joining(", "))
        : held.toString();
    return outside.size() + (outside.size() == 1 ? " date folder" : " date folders") + " under " + ds.raw().path()
        + " lie outside the " + ds.lookbackDays() + "-day lookback window " + window + " (" + dates
        + "); to read them use " + held.asOptions();
  }

  private List<String> columnsOf(Dataset<Row> typed) {
    List<String> out = new ArrayList<>();
    for (String c : typed.columns()) {
      if (!c.startsWith("_")) {
        out.add(c);
      }
    }
    return out;
  }

  private List<String> extraColumns(DatasetConfig ds, List<RawFile> files) {
    return SchemaEvolution.newFields(spark, ds, files);
  }
}
