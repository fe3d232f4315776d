package dev.loglake.jobs.processedtocurated;

import dev.loglake.common.io.DeltaCommits;
import dev.loglake.common.io.DeltaInputs;
import dev.loglake.common.io.DeltaRetry;
import io.delta.tables.DeltaTable;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.CreateTableWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Writes a model's rows to its Delta table: the recomputed dates only (replaceWhere, or MERGE on
 * the model's key), or the whole table on a full refresh. A new table gets the model's lineage in
 * its properties in the commit that creates it; an existing one gets them updated (one more commit)
 * only when they changed.
 */
final class ModelWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ModelWriter.class);
  static final String PREFIX = "loglake.";

  private ModelWriter() {}

  /**
   * Writes {@code rows} (only {@code dates}' rows; all dates when empty) to {@code path}.
   *
   * @return rows written (the operation metrics of this write's own commit)
   */
  static long write(
      SparkSession spark,
      Model model,
      Dataset<Row> rows,
      String path,
      Optional<? extends Collection<LocalDate>> dates) {
    return DeltaRetry.onConflict(path, () -> writeOnce(spark, model, rows, path, dates));
  }

  private static long writeOnce(
      SparkSession spark,
      Model model,
      Dataset<Row> rows,
      String path,
      Optional<? extends Collection<LocalDate>> dates) {
    boolean exists = DeltaTable.isDeltaTable(spark, path);
    boolean merged = exists && dates.isPresent() && model.writeMode() instanceof WriteMode.Merge;
    if (exists && dates.isPresent() && nothingToReplace(spark, model, rows, path, dates.get())) {
      // Neither the table nor the model has rows on these dates: no commit, no file touched (a
      // MERGE would rewrite files to find rows to delete, an overwrite would commit an empty change).
      LOG.debug("Model {}: no rows on {} in the table or the model's output: nothing to write", model.name(), dates.get());
      rows.unpersist(false);
      return 0L;
    }
    Map<String, String> metrics;
    try {
      metrics = DeltaCommits.metricsOf(spark, path, () -> writeRows(spark, model, rows, path, dates, exists));
    } finally {
      rows.unpersist(false);
    }
    if (exists) {
      // A table created here got its lineage in its creating commit.
      recordLineage(spark, model, path);
    }
    // A MERGE also rewrites the unchanged rows of the files it touches (numOutputRows counts them):
    // what it wrote is what it inserted and updated. No commit (nothing changed): 0.
    return merged
        ? DeltaCommits.metric(metrics, "numTargetRowsInserted") + DeltaCommits.metric(metrics, "numTargetRowsUpdated")
        : DeltaCommits.metric(metrics, "numOutputRows");
  }

  /**
   * Whether the table holds no row on {@code dates} (no data file in those date partitions, from the
   * Delta log: no Spark job) and the model's output is empty. The output is checked only when the
   * table has no row on those dates; it is cached then, so the write that follows reuses it.
   */
  private static boolean nothingToReplace(
      SparkSession spark, Model model, Dataset<Row> rows, String path, Collection<LocalDate> dates) {
    List<String> held = DeltaInputs.partitionValues(spark, path, model.partitionBy());
    boolean tableHasDates = dates.stream().anyMatch(d -> held.contains(d.toString()));
    if (tableHasDates) {
      return false;
    }
    rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    return rows.isEmpty();
  }

  private static void writeRows(
      SparkSession spark,
      Model model,
      Dataset<Row> rows,
      String path,
      Optional<? extends Collection<LocalDate>> dates,
      boolean exists) {
    if (!exists) {
      // One commit: the rows with the lineage properties (a CREATE TABLE AS SELECT), not the rows
      // and then an ALTER TABLE.
      CreateTableWriter<Row> create =
          rows.writeTo("delta.`" + path + "`")
              .using("delta")
              .partitionedBy(
                  functions.col(model.partitionBy()),
                  scala.collection.JavaConverters.asScalaBuffer(List.<Column>of()).toSeq());
      for (Map.Entry<String, String> p : lineage(model).entrySet()) {
        create = create.tableProperty(p.getKey(), p.getValue());
      }
      try {
        create.create();
      } catch (TableAlreadyExistsException e) {
        // Another run created it meanwhile: a conflict, so the write is done again, as an update.
        throw new java.util.ConcurrentModificationException(path + " was created by another run", e);
      }
    } else if (dates.isEmpty()) {
      // Static: the session's dynamic partition overwrite would keep dates the model no longer
      // produces.
      rows.write()
          .format("delta")
          .mode("overwrite")
          .partitionBy(model.partitionBy())
          .option("partitionOverwriteMode", "static")
          .option("overwriteSchema", "true")
          .save(path);
    } else if (model.writeMode() instanceof WriteMode.Merge merge) {
      merge(DeltaTable.forPath(spark, path), rows, model.partitionBy(), merge.key(), dates.get());
    } else {
      rows.write()
          .format("delta")
          .mode("overwrite")
          .partitionBy(model.partitionBy())
          // Static: the session's dynamic partition overwrite must not compete with replaceWhere.
          .option("partitionOverwriteMode", "static")
          .option("replaceWhere", inDates("`" + model.partitionBy() + "`", dates.get()))
          .save(path);
    }
  }

  /** Updates changed rows, inserts new ones, deletes rows of the dates no longer produced. */
  private static void merge(
      DeltaTable table,
      Dataset<Row> rows,
      String partition,
      List<String> key,
      Collection<LocalDate> dates) {
    String onKey =
        key.stream()
            .map(k -> "t.`" + k + "` <=> s.`" + k + "`")
            .collect(Collectors.joining(" AND "));
    String changed =
        "NOT ("
            + java.util.Arrays.stream(rows.columns())
                .filter(c -> !key.contains(c))
                .map(c -> "t.`" + c + "` <=> s.`" + c + "`")
                .collect(Collectors.joining(" AND "))
            + ")";
    String inDates = inDates("t.`" + partition + "`", dates);
    table
        .as("t")
        .merge(rows.as("s"), inDates + " AND " + onKey)
        .whenMatched(changed.equals("NOT ()") ? "false" : changed)
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .whenNotMatchedBySource(inDates)
        .delete()
        .execute();
  }

  static String inDates(String column, Collection<LocalDate> dates) {
    return column
        + " IN ("
        + dates.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "))
        + ")";
  }

  /** The lineage properties of {@code model}'s table. */
  static Map<String, String> lineage(Model model) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(PREFIX + "model", model.name());
    p.put(PREFIX + "model.origin", model.origin());
    p.put(PREFIX + "model.sql_sha256", model.sqlHash());
    p.put(
        PREFIX + "upstream",
        model.dependsOn().stream().map(TableRef::toString).collect(Collectors.joining(",")));
    p.put(PREFIX + "grain", model.grain());
    p.put(PREFIX + "write_mode", model.writeMode().toString());
    return p;
  }

  /** The table's properties (empty when it is not a Delta table). */
  static Map<String, String> properties(SparkSession spark, String path) {
    // The snapshot's metadata, on the driver (DESCRIBE DETAIL builds a plan and a row for the same).
    Snapshot snapshot = DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    return snapshot.version() < 0 ? Map.of() : JavaConverters.mapAsJavaMap(snapshot.metadata().configuration());
  }

  private static void recordLineage(SparkSession spark, Model model, String path) {
    Map<String, String> wanted = lineage(model);
    Map<String, String> current = properties(spark, path);
    boolean same =
        wanted.entrySet().stream().allMatch(e -> e.getValue().equals(current.get(e.getKey())));
    if (!same) {
      String props =
          wanted.entrySet().stream()
              .map(
                  e ->
                      "'"
                          + e.getKey()
                          + "' = '"
                          + e.getValue().replace("\\", "\\\\").replace("'", "\\'")
                          + "'")
              .collect(Collectors.joining(", "));
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + props + ")");
    }
  }
}
