package dev.loglake.common.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import dev.loglake.common.config.DateRange;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.error.NoInputException;
import io.delta.tables.DeltaTable;
import java.util.stream.Collectors;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import scala.Option;

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
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Figures.NONE;
    }
    Dataset<Row> files = files(spark, path);
    if (partitionColumn != null && from != null) {
      files = files.filter(partition(partitionColumn).between(lit(from.toString()), lit(to.toString())));
    }
    Row r = files.agg(count(lit(1)), sum(col("size"))).first();
    return new Figures(r.getLong(0), r.isNullAt(1) ? 0 : r.getLong(1));
  }

  /** The distinct values of {@code partitionColumn} in the table's files (none without a table). */
  public static List<String> partitionValues(SparkSession spark, String path, String partitionColumn) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    TreeSet<String> values = new TreeSet<>();
    for (Row r : files(spark, path).select(partition(partitionColumn)).distinct().collectAsList()) {
      if (!r.isNullAt(0)) {
        values.add(r.getString(0));
      }
    }
    return List.copyOf(values);
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

  private static Dataset<Row> files(SparkSession spark, String path) {
    DeltaLog log = DeltaLog.forTable(spark, path);
    return log.update(false, Option.empty(), Option.empty()).allFiles().toDF();
  }

  private static Column partition(String column) {
    return col("partitionValues").getItem(column);
  }
}
