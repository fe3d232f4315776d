package dev.loglake.jobs.processedtocurated;

import static org.apache.spark.sql.functions.col;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.io.RunLog;
import io.delta.tables.DeltaTable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The run logs the job plans from: the processed zone's {@code _runs} (which event dates each
 * raw-to-processed run touched) and the curated zone's own {@code _runs} (which dates each model
 * recomputed, and when). Both are small; the columns needed are read once.
 *
 * <p>A model's watermark is the start of its last {@value #SUCCEEDED} run (an incremental run or a
 * full refresh). Every processed run that ended at or after it is new to the model: runs committed
 * before the model's run started were in the snapshot it read.
 */
final class RunHistory {

  static final String JOB = "processed-to-curated";
  static final String SUCCEEDED = "SUCCEEDED";

  /**
   * A --from/--to run: it recomputed a range, not every change, so it does not move the watermark.
   */
  static final String SUCCEEDED_RANGE = "SUCCEEDED_RANGE";

  /** One run row: which dataset or model, status, dates, times. */
  record Run(
      String dataset,
      String status,
      List<LocalDate> partitions,
      Instant startedAt,
      Instant endedAt) {}

  private final List<Run> processed;
  /** Grows as this job run's models are built, possibly on several threads: read and added to under this object's lock. */
  private final List<Run> curated;

  private RunHistory(List<Run> processed, List<Run> curated) {
    this.processed = processed;
    this.curated = new ArrayList<>(curated);
  }

  static RunHistory read(SparkSession spark, LakeZones zones) {
    return new RunHistory(
        runs(spark, zones.processed(), "raw-to-processed"), runs(spark, zones.curated(), JOB));
  }

  /** The start of {@code model}'s last run that took in every change. */
  synchronized Optional<Instant> watermark(String model) {
    return curated.stream()
        .filter(r -> r.dataset().equals(model) && r.status().equals(SUCCEEDED))
        .map(Run::startedAt)
        .max(Instant::compareTo);
  }

  /**
   * Dates of processed dataset {@code dataset} written by runs that ended at or after {@code
   * since}.
   */
  Set<LocalDate> processedDates(Optional<String> dataset, Optional<Instant> since) {
    return dates(processed, dataset, since);
  }

  /**
   * Dates curated model {@code model} recomputed in runs that started after {@code since}: a run of
   * the upstream model in the same job run as the downstream one (same start) is already taken in.
   */
  synchronized Set<LocalDate> curatedDates(String model, Optional<Instant> since) {
    Set<LocalDate> out = new TreeSet<>();
    for (Run r : curated) {
      if (r.dataset().equals(model)
          && r.status().startsWith(SUCCEEDED)
          && since.map(r.startedAt()::isAfter).orElse(true)) {
        out.addAll(r.partitions());
      }
    }
    return out;
  }

  /**
   * Dates every model but {@code model} recomputed in runs that started after {@code since}: what
   * changed in {@code curated._runs} for a model that reads it. It is built after the other models of
   * its job run (their runs count, as they started after its previous run), and its own runs do not
   * count, so a run with nothing new builds nothing.
   */
  synchronized Set<LocalDate> curatedDatesOfOthers(String model, Optional<Instant> since) {
    Set<LocalDate> out = new TreeSet<>();
    curated.stream()
        .map(Run::dataset)
        .filter(m -> !m.equals(model))
        .distinct()
        .forEach(m -> out.addAll(curatedDates(m, since)));
    return out;
  }

  /** Notes a run of this job, so the models downstream of it see its dates. */
  synchronized void add(Run run) {
    curated.add(run);
  }

  private static Set<LocalDate> dates(
      List<Run> runs, Optional<String> dataset, Optional<Instant> since) {
    Set<LocalDate> out = new TreeSet<>();
    for (Run r : runs) {
      boolean failed = r.status().equals("FAILED");
      if (!failed
          && dataset.map(r.dataset()::equals).orElse(true)
          && since.map(s -> !r.endedAt().isBefore(s)).orElse(true)) {
        out.addAll(r.partitions());
      }
    }
    return out;
  }

  private static List<Run> runs(SparkSession spark, String zone, String job) {
    String path = RunLog.path(zone);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    List<Row> rows =
        spark
            .read()
            .format("delta")
            .load(path)
            .where(col("job").equalTo(job))
            .select("dataset", "status", "partitions", "started_at", "ended_at")
            .collectAsList();
    List<Run> out = new ArrayList<>();
    for (Row r : rows) {
      List<LocalDate> dates =
          r.<String>getList(2).stream()
              .filter(p -> p != null && p.matches("\\d{4}-\\d{2}-\\d{2}"))
              .map(LocalDate::parse)
              .toList();
      out.add(
          new Run(
              r.getString(0),
              r.getString(1),
              dates,
              r.getTimestamp(3).toInstant(),
              r.getTimestamp(4).toInstant()));
    }
    return out;
  }

  static String curatedRunsPath(LakeZones zones) {
    return LakeZones.join(zones.curated(), RunLog.TABLE);
  }

  static Map<String, Object> describe(Run run) {
    return Map.of(
        "status",
        run.status(),
        "dates",
        run.partitions().stream().map(LocalDate::toString).toList());
  }
}
