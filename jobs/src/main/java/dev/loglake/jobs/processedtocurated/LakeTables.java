package dev.loglake.jobs.processedtocurated;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.io.Ledger;
import dev.loglake.common.io.Quarantine;
import dev.loglake.common.io.RunLog;
import dev.loglake.common.io.DeltaInputs;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The lake's tables as models see them. {@code processed.<table>} is a dataset's Delta table, or
 * one of the system tables: {@code _runs}, {@code _job_runs} (the run history), {@code _ledger}, {@code _quarantine} (every dataset's
 * quarantine, with its {@code dataset} column) and {@code _events} (one row per processed record of
 * every dataset with an event time: {@code dataset, date, event_time, ingested_at, source_file,
 * run_id}). {@code curated.<table>} is a Delta table under the curated zone.
 */
public final class LakeTables {

  public static final String RUNS = "_runs";
  public static final String JOB_RUNS = dev.loglake.common.io.JobRunLog.TABLE;
  public static final String LEDGER = "_ledger";
  public static final String QUARANTINE = "_quarantine";
  public static final String EVENTS = "_events";
  static final Set<String> SYSTEM = Set.of(RUNS, JOB_RUNS, LEDGER, QUARANTINE, EVENTS);

  /**
   * The curated zone's system table a model may read: {@code curated._runs}, this job's own run
   * history (one row per model built: {@code dataset} = the model, {@code partitions} = its dates).
   * It always exists (empty before the first build); a model reading it is built after every other
   * model of the job run (see {@link ModelCatalog}).
   */
  static final Set<String> CURATED_SYSTEM = Set.of(RUNS);

  static final StructType QUARANTINE_SCHEMA =
      StructType.fromDDL(
          "dataset STRING, run_id STRING, source_file STRING, line_number BIGINT, reason STRING,"
              + " reasons ARRAY<STRING>, raw STRING, record STRING, quarantined_at TIMESTAMP, date"
              + " DATE");
  static final StructType EVENTS_SCHEMA =
      StructType.fromDDL(
          "dataset STRING, date DATE, event_time TIMESTAMP, ingested_at TIMESTAMP, source_file"
              + " STRING, run_id STRING");

  private final SparkSession spark;
  private final LakeZones zones;
  private final List<DatasetConfig> datasets;

  public LakeTables(SparkSession spark, LakeZones zones, List<DatasetConfig> datasets) {
    this.spark = spark;
    this.zones = zones;
    this.datasets = List.copyOf(datasets);
  }

  public LakeZones zones() {
    return zones;
  }

  /** The same lake, read through {@code session}. */
  LakeTables on(SparkSession session) {
    return new LakeTables(session, zones, datasets);
  }

  /** The names {@code processed.x} may use: every dataset's table and the system tables. */
  public Set<String> processedNames() {
    Set<String> out = new TreeSet<>(SYSTEM);
    datasets.forEach(d -> out.add(d.table()));
    return out;
  }

  /**
   * The datasets whose records {@code processed.<table>} holds: a dataset's own table; every
   * dataset for {@code _quarantine}; every dataset with an event time for {@code _events}; none for
   * the bookkeeping tables {@code _runs} and {@code _ledger}. The quality gate of these datasets
   * decides whether a reader of the table may run.
   */
  public Set<String> datasetsIn(String table) {
    Set<String> out = new TreeSet<>();
    for (DatasetConfig d : datasets) {
      boolean holds =
          switch (table) {
            case QUARANTINE -> true;
            case EVENTS -> d.eventTime().isPresent();
            default -> d.table().equals(table);
          };
      if (holds) {
        out.add(d.name());
      }
    }
    return out;
  }

  /** The Delta tables under the curated zone (except {@code _runs}). */
  public Set<String> curatedNames() {
    Set<String> out = new TreeSet<>();
    try {
      org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(zones.curated());
      org.apache.hadoop.fs.FileSystem fs =
          root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        return out;
      }
      for (org.apache.hadoop.fs.FileStatus st : fs.listStatus(root)) {
        String name = st.getPath().getName();
        if (st.isDirectory() && !name.startsWith("_") && curatedExists(name)) {
          out.add(name);
        }
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list the curated zone " + zones.curated(), e);
    }
  }

  public boolean curatedExists(String table) {
    return DeltaTable.isDeltaTable(spark, curatedPath(table));
  }

  /** The Delta properties of curated table {@code table}; empty when it does not exist. */
  public java.util.Map<String, String> properties(String table) {
    return ModelWriter.properties(spark, curatedPath(table));
  }

  public String curatedPath(String table) {
    return LakeZones.join(zones.curated(), table);
  }

  /**
   * The rows of {@code ref} on {@code dates} (all rows when empty), by {@code partitionColumn};
   * empty when a dataset or curated table does not exist yet. System tables always exist.
   */
  public Optional<Dataset<Row>> read(
      TableRef ref, String partitionColumn, Optional<? extends Collection<LocalDate>> dates) {
    if (ref.isCurated() && CURATED_SYSTEM.contains(ref.table())) {
      return Optional.of(runs(zones.curated(), dates));
    }
    if (ref.isCurated()) {
      return delta(curatedPath(ref.table())).map(df -> onDates(df, partitionColumn, dates));
    }
    return switch (ref.table()) {
      case RUNS -> Optional.of(runs(zones.processed(), dates));
      case LEDGER ->
          Optional.of(
              delta(LakeZones.join(zones.processed(), Ledger.TABLE))
                  .orElseGet(() -> empty(Ledger.SCHEMA)));
      case QUARANTINE ->
          Optional.of(onDates(union(this::quarantine, QUARANTINE_SCHEMA), "date", dates));
      case EVENTS -> Optional.of(onDates(union(this::events, EVENTS_SCHEMA), "date", dates));
      default ->
          datasetTable(ref.table()).flatMap(this::delta).map(df -> onDates(df, "date", dates));
    };
  }

  /**
   * The Delta path of a dataset's processed table or a curated table; empty for the system tables
   * and unknown datasets.
   */
  public Optional<String> deltaPath(TableRef ref) {
    if (ref.isCurated() && !CURATED_SYSTEM.contains(ref.table())) {
      return Optional.of(curatedPath(ref.table()));
    }
    return ref.table().startsWith("_") ? Optional.empty() : datasetTable(ref.table());
  }

  /**
   * The dataset and curated tables {@code models} read, each once: for {@code processed._events} and
   * {@code processed._quarantine}, the dataset tables and quarantines behind them; none for the
   * bookkeeping tables.
   */
  List<DeltaInputs.Table> inputTables(List<Model> models, ModelCatalog catalog) {
    java.util.Map<String, DeltaInputs.Table> tables = new java.util.TreeMap<>();
    for (Model m : models) {
      for (TableRef ref : m.dependsOn()) {
        String column =
            ref.isCurated() ? catalog.get(ref.table()).map(Model::partitionBy).orElse("date") : "date";
        deltaPath(ref).ifPresent(p -> tables.put(ref.toString(), new DeltaInputs.Table(ref.toString(), p, column)));
        // _events and _quarantine are views over every dataset's table and quarantine: a model that
        // reads them has input on a date when those tables do.
        if (!ref.isCurated() && (ref.table().equals(EVENTS) || ref.table().equals(QUARANTINE))) {
          for (DatasetConfig d : datasets) {
            if (datasetsIn(ref.table()).contains(d.name())) {
              String name = ref.table().equals(EVENTS) ? "processed." + d.table() : "processed._quarantine_" + d.name();
              String path = ref.table().equals(EVENTS)
                  ? LakeZones.join(zones.processed(), d.table())
                  : Quarantine.path(zones, d.name());
              tables.put(name, new DeltaInputs.Table(name, path, "date"));
            }
          }
        }
      }
    }
    return List.copyOf(tables.values());
  }

  /** Registers {@code rows} as the view {@code ref} resolves to in rewritten SQL. */
  public static void register(TableRef ref, Dataset<Row> rows) {
    rows.createOrReplaceTempView("`" + ref.viewName() + "`");
  }

  static Dataset<Row> onDates(
      Dataset<Row> df, String column, Optional<? extends Collection<LocalDate>> dates) {
    if (dates.isEmpty()) {
      return df;
    }
    return df.where(col(column).isin(dates.get().stream().map(Date::valueOf).toArray()));
  }

  private Optional<String> datasetTable(String table) {
    return datasets.stream()
        .filter(d -> d.table().equals(table))
        .findFirst()
        .map(d -> LakeZones.join(zones.processed(), d.table()));
  }

  /** The run history of {@code zone}: the runs that touched one of {@code dates} (all when empty). */
  private Dataset<Row> runs(String zone, Optional<? extends Collection<LocalDate>> dates) {
    return runsOn(delta(RunLog.path(zone)).orElseGet(() -> empty(RunLog.SCHEMA)), dates);
  }

  /** The rows of a {@code _runs} table whose partitions include one of {@code dates} (all: every row). */
  static Dataset<Row> runsOn(Dataset<Row> runs, Optional<? extends Collection<LocalDate>> dates) {
    if (dates.isEmpty()) {
      return runs;
    }
    Column wanted = array(dates.get().stream().map(d -> lit(d.toString())).toArray(Column[]::new));
    return runs.where(arrays_overlap(col("partitions"), wanted));
  }

  private Optional<Dataset<Row>> quarantine(DatasetConfig ds) {
    return delta(Quarantine.path(zones, ds.name()))
        .map(
            df ->
                df.select(
                    Arrays.stream(QUARANTINE_SCHEMA.fieldNames())
                        .map(c -> col(c))
                        .toArray(Column[]::new)));
  }

  private Optional<Dataset<Row>> events(DatasetConfig ds) {
    if (ds.eventTime().isEmpty()) {
      return Optional.empty();
    }
    List<String> needed =
        List.of(ds.eventTime().get(), "_ingested_at", "_source_file", "_run_id", "date");
    return delta(LakeZones.join(zones.processed(), ds.table()))
        // A table without the silver lineage columns (not written by raw-to-processed) has no
        // events here.
        .filter(df -> Arrays.asList(df.columns()).containsAll(needed))
        .map(
            df ->
                df.select(
                    lit(ds.name()).as("dataset"),
                    col("date"),
                    col(ds.eventTime().get()).as("event_time"),
                    col("_ingested_at").as("ingested_at"),
                    col("_source_file").as("source_file"),
                    col("_run_id").as("run_id")));
  }

  private Dataset<Row> union(
      java.util.function.Function<DatasetConfig, Optional<Dataset<Row>>> part, StructType schema) {
    List<Dataset<Row>> parts = new ArrayList<>();
    datasets.forEach(d -> part.apply(d).ifPresent(parts::add));
    return parts.stream().reduce(Dataset::unionByName).orElseGet(() -> empty(schema));
  }

  private Optional<Dataset<Row>> delta(String path) {
    return DeltaTable.isDeltaTable(spark, path)
        ? Optional.of(spark.read().format("delta").load(path))
        : Optional.empty();
  }

  private Dataset<Row> empty(StructType schema) {
    return spark.createDataFrame(List.of(), schema);
  }
}
