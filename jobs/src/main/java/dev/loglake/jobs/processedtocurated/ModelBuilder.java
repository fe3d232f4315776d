package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.io.DeltaInputs;
import dev.loglake.common.spark.SmallInputCodegen;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one model: plans its dates, registers its inputs as views filtered to the dates it reads,
 * runs its SQL, writes the rows and notes its run; {@link #commitRuns} appends the noted runs to the
 * curated zone's {@code _runs} in one commit per job run.
 */
final class ModelBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ModelBuilder.class);

  private final SparkSession spark;
  private final ProcessedToCuratedConfig config;
  private final ModelCatalog catalog;
  private final LakeTables lake;
  private final RunHistory history;
  private final Clock clock;
  private final Instant runStart;

  ModelBuilder(
      SparkSession spark,
      ProcessedToCuratedConfig config,
      ModelCatalog catalog,
      LakeTables lake,
      RunHistory history,
      Clock clock,
      Instant runStart) {
    // Taken before the run logs were read: the watermark the next run starts from.
    this(spark, config, catalog, lake, history, clock, runStart, new Built());
  }

  private ModelBuilder(
      SparkSession spark,
      ProcessedToCuratedConfig config,
      ModelCatalog catalog,
      LakeTables lake,
      RunHistory history,
      Clock clock,
      Instant runStart,
      Built built) {
    this.spark = spark;
    this.config = config;
    this.catalog = catalog;
    this.lake = lake;
    this.history = history;
    this.clock = clock;
    this.runStart = runStart;
    this.built = built;
  }

  /**
   * What the builders of one job run share, whichever thread builds: the runs to commit and the
   * input figures.
   */
  private static final class Built {
    private DeltaInputs.Figures inputs = DeltaInputs.Figures.NONE;
    private final List<RunLog.Entry> pending = new java.util.ArrayList<>();

    synchronized void read(DeltaInputs.Figures more) {
      inputs = inputs.plus(more);
    }

    synchronized void add(RunLog.Entry run) {
      pending.add(run);
    }

    synchronized List<RunLog.Entry> pending() {
      return List.copyOf(pending);
    }

    synchronized List<RunLog.Entry> drain() {
      List<RunLog.Entry> out = List.copyOf(pending);
      pending.clear();
      return out;
    }
  }

  private final Built built;

  /**
   * A builder of the same job run on {@code session} (a clone of this builder's session): its own
   * temporary views and settings, so that it can build a model while this one builds another.
   */
  ModelBuilder on(SparkSession session) {
    return new ModelBuilder(session, config, catalog, lake.on(session), history, clock, runStart, built);
  }

  /** Files and bytes of the input tables' dates the built models read (input_files, input_bytes). */
  DeltaInputs.Figures inputFigures() {
    synchronized (built) {
      return built.inputs;
    }
  }

  /** Builds {@code model}; returns what it did, for the SUMMARY line. */
  Map<String, Object> build(Model model) {
    Optional<SortedSet<LocalDate>> dates = plan(model);
    if (dates.isPresent() && dates.get().isEmpty()) {
      return Map.of("status", "UP_TO_DATE");
    }
    Optional<SortedSet<LocalDate>> inputDates = dates.map(d -> DatePlan.inputDates(model, d));
    for (TableRef input : model.dependsOn()) {
      Optional<Dataset<Row>> rows = lake.read(input, partitionOf(input), inputDates);
      List<RunLog.Entry> pending = isRunHistory(input) ? built.pending() : List.of();
      if (!pending.isEmpty()) {
        // A model of the run history (pipeline_freshness) sees this run's builds too, which are
        // committed to curated._runs only when the job ends (one commit per run).
        Dataset<Row> runs = LakeTables.runsOn(RunLog.rows(spark, pending), inputDates);
        rows = rows.map(r -> r.unionByName(runs));
      }
      if (rows.isEmpty()) {
        LOG.info("Model {}: skipped, {} does not exist yet", model.name(), input);
        return Map.of("status", "NO_INPUT", "missing", input.toString());
      }
      LakeTables.register(input, rows.get());
      lake.deltaPath(input)
          .ifPresent(p -> built.read(DeltaInputs.of(spark, p, partitionOf(input),
              inputDates.map(SortedSet::first).orElse(null), inputDates.map(SortedSet::last).orElse(null))));
    }
    Dataset<Row> rows = query(model);
    Dataset<Row> output =
        dates.isPresent() ? LakeTables.onDates(rows, model.partitionBy(), dates) : rows;
    String path = lake.curatedPath(model.name());
    long t0 = System.nanoTime();
    // _events and _quarantine count as the dataset tables behind them.
    long inputBytes = DeltaInputs.of(spark, lake.inputTables(List.of(model), catalog),
        inputDates.map(d -> new DateRange(d.first(), d.last())).orElse(null)).bytes();
    long written = SmallInputCodegen.run(spark, inputBytes, () -> ModelWriter.write(spark, model, output, path, dates));
    LOG.info(
        "Model {}: {} rows written for {} in {} s",
        model.name(),
        written,
        dates.map(Object::toString).orElse("all dates (full refresh)"),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
    List<LocalDate> builtDates =
        dates.<List<LocalDate>>map(List::copyOf).orElseGet(() -> storedDates(model, path));
    RunHistory.Run run = record(model, builtDates, written);
    Map<String, Object> out = new LinkedHashMap<>(RunHistory.describe(run));
    out.put("rows_written", written);
    return out;
  }

  /** The dates to recompute: empty Optional = all (full refresh). */
  private Optional<SortedSet<LocalDate>> plan(Model model) {
    if (config.fullRefresh()) {
      return Optional.empty();
    }
    if (config.range().isPresent()) {
      return Optional.of(new TreeSet<>(config.range().get().days().toList()));
    }
    Optional<Instant> since = history.watermark(model.name());
    Map<TableRef, Set<LocalDate>> changed = new HashMap<>();
    for (TableRef input : model.dependsOn()) {
      boolean runHistory = isRunHistory(input);
      changed.put(
          input,
          runHistory
              ? history.curatedDatesOfOthers(model.name(), since)
              : changedDates(input, since));
    }
    return Optional.of(DatePlan.outputDates(model, changed));
  }

  private Set<LocalDate> changedDates(TableRef input, Optional<Instant> since) {
    if (input.isCurated()) {
      return history.curatedDates(input.table(), since);
    }
    if (LakeTables.SYSTEM.contains(input.table())) {
      return history.processedDates(Optional.empty(), since);
    }
    Optional<String> dataset =
        config.datasets().stream()
            .filter(d -> d.table().equals(input.table()))
            .map(d -> d.name())
            .findFirst();
    return history.processedDates(dataset, since);
  }

  private Dataset<Row> query(Model model) {
    Dataset<Row> rows;
    try {
      rows = spark.sql(SqlRefs.rewrite(model.sql()));
    } catch (Exception e) {
      // AnalysisException is checked in Java's eyes but thrown unchecked from Scala.
      if (!(e instanceof AnalysisException)) {
        throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
      }
      throw EtlErrors.badModel(
          model.origin(),
          "its SQL does not run: " + e.getMessage(),
          "Fix the SQL; it reads its inputs as processed.<table> and curated.<table>.");
    }
    if (!Arrays.asList(rows.columns()).contains(model.partitionBy())) {
      throw EtlErrors.badModel(
          model.origin(),
          "its output has no column " + model.partitionBy() + " (partition-by)",
          "Select the date column the table is partitioned by, or set partition-by.");
    }
    return rows;
  }

  private String partitionOf(TableRef input) {
    return input.isCurated()
        ? catalog.get(input.table()).map(Model::partitionBy).orElse("date")
        : "date";
  }

  private List<LocalDate> storedDates(Model model, String path) {
    return spark
        .read()
        .format("delta")
        .load(path)
        .select(model.partitionBy())
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> LocalDate.parse(String.valueOf(r.get(0))))
        .sorted()
        .toList();
  }

  /**
   * Appends the runs of the models built so far to the curated {@code _runs}, in one commit. Called
   * when the job ends, also when a model failed: the models built before it keep their runs, so
   * the next incremental run does not recompute them. A model whose write committed but whose run was
   * not recorded (the process was killed in between) keeps its watermark and is recomputed next time.
   */
  void commitRuns() {
    List<RunLog.Entry> runs = built.drain();
    if (runs.isEmpty()) {
      return;
    }
    RunLog.append(spark, config.etl().zones().curated(), runs);
  }

  private static boolean isRunHistory(TableRef input) {
    return input.isCurated() && LakeTables.CURATED_SYSTEM.contains(input.table());
  }

  private RunHistory.Run record(Model model, List<LocalDate> dates, long written) {
    String status = config.range().isPresent() ? RunHistory.SUCCEEDED_RANGE : RunHistory.SUCCEEDED;
    Instant ended = clock.instant();
    built.add(
        new RunLog.Entry(
            config.etl().runId(),
            RunHistory.JOB,
            model.name(),
            status,
            0,
            0,
            0,
            written,
            0,
            0,
            Map.of(),
            dates.stream().map(LocalDate::toString).toList(),
            runStart,
            ended,
            null));
    RunHistory.Run run = new RunHistory.Run(model.name(), status, dates, runStart, ended);
    history.add(run);
    return run;
  }
}
