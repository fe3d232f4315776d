package dev.loglake.common.io;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Idempotent Delta writes: rows are inserted only when their key is not in the table yet, so
 * writing the same rows twice (a rerun, a killed run rerun, a re-delivered file) leaves one copy.
 */
public final class DeltaSink {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeltaSink.class);

  private DeltaSink() {}

  /**
   * Inserts the rows of {@code rows} whose {@code keyColumn} is not yet in the Delta table at
   * {@code path} (created, partitioned by {@code partitionColumn}, on first write). The match is
   * restricted to {@code partitions} of the table, so only those are scanned.
   *
   * <p>A table created here with {@code statsColumns} (empty: Delta's default, the first 32) keeps Delta's per-file min/max/null counts
   * ({@code delta.dataSkippingStatsColumns}) for those columns only: collecting them for 32 wide
   * columns (URLs, user agents) cost a quarter of writing an ALB batch, and nothing filters on them.
   *
   * @return the number of rows inserted
   */
  public static long insertNew(
      SparkSession spark,
      String path,
      Dataset<Row> rows,
      String keyColumn,
      String partitionColumn,
      List<String> partitions,
      boolean mergeSchema,
      List<String> statsColumns) {
    // Lost a commit race (a concurrent run): again from the top, so a table another run created
    // meanwhile gets a MERGE, and only the keys still missing are inserted.
    return DeltaRetry.onConflict(path, () ->
        insertNewOnce(spark, path, rows, keyColumn, partitionColumn, partitions, mergeSchema, statsColumns));
  }

  /** Delta's error for a write that expected no table at the path and found one (DELTA_PATH_EXISTS). */
  static boolean createdMeanwhile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.apache.spark.SparkThrowable st && "DELTA_PATH_EXISTS".equals(st.getErrorClass())) {
        return true;
      }
    }
    return false;
  }

  private static long insertNewOnce(
      SparkSession spark,
      String path,
      Dataset<Row> rows,
      String keyColumn,
      String partitionColumn,
      List<String> partitions,
      boolean mergeSchema,
      List<String> statsColumns) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      String statsDefault = "spark.databricks.delta.properties.defaults.dataSkippingStatsColumns";
      String before = spark.conf().get(statsDefault, null);
      if (!statsColumns.isEmpty()) {
        spark.conf().set(statsDefault, String.join(",", statsColumns));
      }
      try {
        // "errorifexists", not "append": a run that created the table since the check above must not
        // get these rows appended blindly (both runs would write every key). Delta decides it in the
        // write's transaction; a table created after that start is a commit conflict (retried).
        return DeltaCommits.metric(DeltaCommits.metricsOf(spark, path, () ->
            rows.write().format("delta").mode("errorifexists").partitionBy(partitionColumn)
                .option("mergeSchema", mergeSchema).save(path)),
            "numOutputRows");
      } catch (Exception e) { // AnalysisException is checked in Java's eyes but thrown unchecked from Scala
        if (!createdMeanwhile(e)) {
          throw e;
        }
        LOG.info("{}: another run created the table meanwhile; inserting the keys it does not hold", path);
      } finally {
        if (before == null) {
          spark.conf().unset(statsDefault);
        } else {
          spark.conf().set(statsDefault, before);
        }
      }
    }
    String inPartitions =
        partitions.isEmpty()
            ? "true"
            : "t." + partitionColumn + " IN (" + partitions.stream().map(p -> "'" + p + "'").collect(Collectors.joining(",")) + ")";
    String autoMerge = "spark.databricks.delta.schema.autoMerge.enabled";
    String before = spark.conf().get(autoMerge, "false");
    spark.conf().set(autoMerge, String.valueOf(mergeSchema));
    try {
      // A MERGE that inserts nothing makes no commit: then nothing was written.
      return DeltaCommits.metric(DeltaCommits.metricsOf(spark, path, () ->
          DeltaTable.forPath(spark, path)
              .as("t")
              .merge(rows.as("s"), inPartitions + " AND t." + keyColumn + " = s." + keyColumn)
              .whenNotMatched()
              .insertAll()
              .execute()),
          "numTargetRowsInserted");
    } finally {
      spark.conf().set(autoMerge, before);
    }
  }

  /** Appends {@code rows} to the Delta table at {@code path}, creating it on first write. */
  public static void append(Dataset<Row> rows, String path) {
    rows.write().format("delta").mode("append").option("mergeSchema", "true").save(path);
  }
}
