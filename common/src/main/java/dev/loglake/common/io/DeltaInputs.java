package dev.loglake.common.io;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.error.NoInputException;
import java.util.stream.Collectors;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.delta.VersionChecksum;
import org.apache.spark.sql.delta.actions.AddFile;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The data files of a Delta table that a read of some dates touches, from the table's log (no data
 * file is opened): for a job's {@code input_files}/{@code input_bytes}, and to say which dates a
 * table holds when the asked ones are empty.
 */
public final class DeltaInputs {

  /** Files and bytes of a read. */
  public record Figures(long files, long bytes) {

    public static final Figures NONE = new Figures(0, 0);

    public Figures plus(Figures o) {
      return new Figures(files + o.files, bytes + o.bytes);
    }

    /** input_files, then input_bytes (in that order on the SUMMARY line: Map.of's order changes from run to run). */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("input_files", files);
      m.put("input_bytes", bytes);
      return m;
    }
  }

  /** A Delta table a job reads: its name as users write it, its path and its date column. */
  public record Table(String name, String path, String partitionColumn) {}

  private DeltaInputs() {}

  /** The files {@code tables} hold on the dates of {@code range} (all their files when null). */
  public static Figures of(SparkSession spark, List<Table> tables, DateRange range) {
    Figures total = Figures.NONE;
    for (Table t : tables) {
      total = total.plus(of(spark, t.path(), t.partitionColumn(),
          range == null ? null : range.from(), range == null ? null : range.to()));
    }
    return total;
  }

  /**
   * The error for a range none of {@code tables} holds a row of, naming them and the dates each
   * holds.
   */
  public static NoInputException noInput(SparkSession spark, List<Table> tables, DateRange range) {
    String names = tables.stream().map(Table::name).collect(Collectors.joining(", "));
    String held = tables.stream()
        .map(t -> describeDates(t.name(), partitionValues(spark, t.path(), t.partitionColumn())))
        .collect(Collectors.joining("; "));
    return EtlErrors.noInput("input rows", range.toString(), "in " + (names.isEmpty() ? "any table" : names),
        held.isEmpty() ? "nothing selected to read" : held);
  }

  /**
   * The files of the table at {@code path} whose {@code partitionColumn} value is in {@code
   * from..to}; every file when {@code partitionColumn} or the range is null; none when there is no
   * Delta table at {@code path}.
   */
  public static Figures of(
      SparkSession spark, String path, String partitionColumn, LocalDate from, LocalDate to) {
    Map<String, Figures> byValue = byPartitionValue(spark, path, partitionColumn);
    Figures total = Figures.NONE;
    for (Map.Entry<String, Figures> e : byValue.entrySet()) {
      boolean inRange = partitionColumn == null || from == null
          || (!e.getKey().equals(NULL_VALUE)
              && e.getKey().compareTo(from.toString()) >= 0 && e.getKey().compareTo(to.toString()) <= 0);
      if (inRange) {
        total = total.plus(e.getValue());
      }
    }
    return total;
  }

  /** The distinct values of {@code partitionColumn} in the table's files (none without a table). */
  public static List<String> partitionValues(SparkSession spark, String path, String partitionColumn) {
    return byPartitionValue(spark, path, partitionColumn).keySet().stream()
        .filter(v -> !v.equals(NULL_VALUE)).toList();
  }

  /**
   * What a table holds instead of an empty range, for the no-input message: "processed.x holds
   * 2024-03-10..2024-03-12 (3 dates); use --from 2024-03-10 --to 2024-03-12" or "processed.x has no
   * rows".
   */
  public static String describeDates(String table, List<String> dates) {
    if (dates.isEmpty()) {
      return table + " has no rows";
    }
    String first = dates.get(0);
    String last = dates.get(dates.size() - 1);
    try {
      DateRange held = new DateRange(LocalDate.parse(first), LocalDate.parse(last));
      return table + " holds " + held + " (" + dates.size() + " dates); use " + held.asOptions();
    } catch (java.time.DateTimeException e) {
      return table + " holds " + first + ".." + last + " (" + dates.size() + " values)";
    }
  }

  /**
   * Files and bytes per value of {@code partitionColumn} (all under one key when it is null) in the
   * table's current version, sorted by value; empty when there is no Delta table at {@code path}.
   *
   * <p>A small table's files are listed in its version checksum, which Delta writes next to each
   * commit (below {@code spark.databricks.delta.allFilesInCrc.thresholdNumFiles} files, 50 by
   * default); a larger table's come from one small Spark job over its log state. A version never
   * changes, so the figures are kept (by log path, version and commit time, for a table deleted and
   * created again at the same path). Before, every model of processed-to-curated ran one job per
   * input table: 138 jobs (12.7 s) in a pipeline run on the demo's day.
   */
  private static Map<String, Figures> byPartitionValue(SparkSession spark, String path, String partitionColumn) {
    Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    if (snapshot.version() < 0) {
      return Map.of(); // no Delta table at path
    }
    VersionKey key = new VersionKey(snapshot.deltaLog().logPath().toString(), snapshot.version(),
        snapshot.timestamp(), partitionColumn);
    Map<String, Figures> known = BY_VERSION.get(key);
    if (known != null) {
      return known;
    }
    TreeMap<String, Figures> byValue = new TreeMap<>();
    Optional<List<AddFile>> listed = checksumFiles(snapshot);
    if (listed.isPresent()) {
      for (AddFile f : listed.get()) {
        String v = partitionValue(f, partitionColumn);
        byValue.merge(v == null ? NULL_VALUE : v, new Figures(1, f.size()), Figures::plus);
      }
    } else {
      Dataset<Row> files = snapshot.allFiles().toDF();
      Column value = partitionColumn == null ? lit(NULL_VALUE) : coalesce(partition(partitionColumn), lit(NULL_VALUE));
      for (Row r : files.groupBy(value.as("value")).agg(count(lit(1)), sum(col("size"))).collectAsList()) {
        byValue.put(r.getString(0), new Figures(r.getLong(1), r.isNullAt(2) ? 0 : r.getLong(2)));
      }
    }
    Map<String, Figures> figures = Collections.unmodifiableSortedMap(byValue);
    BY_VERSION.put(key, figures);
    return figures;
  }

  /**
   * The files of {@code snapshot} as its version checksum ({@code _delta_log/<version>.crc}) lists
   * them, read on the driver with no Spark job; empty when the checksum lists none (Delta lists them
   * for tables under {@code spark.databricks.delta.allFilesInCrc.thresholdNumFiles} files, 50 by
   * default) or there is no checksum.
   */
  public static Optional<List<AddFile>> checksumFiles(Snapshot snapshot) {
    Option<VersionChecksum> crc = snapshot.checksumOpt();
    if (crc.isDefined() && crc.get().allFiles().isDefined()) {
      return Optional.of(JavaConverters.seqAsJavaList(crc.get().allFiles().get()));
    }
    return Optional.empty();
  }

  /** {@code file}'s value of {@code partitionColumn}; null for a null value, a missing column or a null column name. */
  public static String partitionValue(AddFile file, String partitionColumn) {
    Option<String> v = partitionColumn == null ? Option.empty() : file.partitionValues().get(partitionColumn);
    return v.isDefined() ? v.get() : null;
  }

  /** The key of a null partition value (and of a table's files when no column is asked). */
  private static final String NULL_VALUE = "\u0000null";

  private record VersionKey(String logPath, long version, long timestamp, String partitionColumn) {}

  /** The newest figures read, by table version; the jobs of a pipeline read a few dozen tables. */
  private static final Map<VersionKey, Map<String, Figures>> BY_VERSION = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<VersionKey, Map<String, Figures>> eldest) {
          return size() > 256;
        }
      });

  private static Column partition(String column) {
    return col("partitionValues").getItem(column);
  }
}
