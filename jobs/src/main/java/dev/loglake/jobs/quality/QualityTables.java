package dev.loglake.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.row_number;

import dev.loglake.common.config.LakeZones;
import dev.loglake.common.io.DeltaRetry;
import dev.loglake.common.io.JobRunLog;
import dev.loglake.quality.QualityReport;
import dev.loglake.quality.RuleResult;
import io.delta.tables.DeltaTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quality zone's Delta tables {@code quality_results} (one row per run, dataset, partition and
 * rule) and {@code quality_scores} (one row per run, dataset and partition). A dataset's rows of a run
 * replace that run's earlier rows of the same partitions, so a rerun with the same run id leaves one copy.
 */
final class QualityTables {

  static final String RESULTS = "quality_results";
  static final String SCORES = "quality_scores";

  static final StructType RESULTS_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("date", DataTypes.DateType, false)
      .add("rule", DataTypes.StringType, false)
      .add("kind", DataTypes.StringType, false)
      .add("level", DataTypes.StringType, false)
      .add("weight", DataTypes.DoubleType, false)
      .add("metric", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("compliance", DataTypes.DoubleType, false)
      .add("status", DataTypes.StringType, false)
      .add("detail", DataTypes.StringType, false)
      .add("checked_at", DataTypes.TimestampType, false);

  static final StructType SCORES_SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("dataset", DataTypes.StringType, false)
      .add("date", DataTypes.DateType, false)
      .add("score", DataTypes.DoubleType, false)
      .add("status", DataTypes.StringType, false)
      .add("rules", DataTypes.IntegerType, false)
      .add("failed_rules", DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add("checked_at", DataTypes.TimestampType, false);

  private QualityTables() {}

  /**
   * Writes the reports of run {@code runId}, every dataset's ({@code reports}: dataset to its
   * partitions' reports), in one commit per table: on S3 every commit is several round trips.
   * Returns the number of result rows.
   */
  static long write(SparkSession spark, String qualityZone, String runId, java.util.Map<String, List<QualityReport>> reports,
      Instant checkedAt) {
    List<Row> results = new ArrayList<>();
    List<Row> scores = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    Timestamp at = Timestamp.from(checkedAt);
    reports.forEach((dataset, checked) -> {
      if (checked.isEmpty()) {
        return;
      }
      for (QualityReport r : checked) {
        Date date = Date.valueOf(r.partition());
        for (RuleResult x : r.results()) {
          results.add(RowFactory.create(runId, dataset, date, x.rule().name(), x.rule().kind().name(),
              x.rule().level().label(), x.rule().weight(), x.metric(), x.value(), x.compliance(), x.status().name(),
              x.detail(), at));
        }
        scores.add(RowFactory.create(runId, dataset, date, r.score(), r.status().name(), r.results().size(),
            r.failedRules().toArray(String[]::new), at));
      }
      replaced.add("(dataset = " + JobRunLog.literal(dataset) + " AND date IN ("
          + checked.stream().map(r -> "DATE'" + r.partition() + "'").collect(Collectors.joining(", ")) + "))");
    });
    if (replaced.isEmpty()) {
      return 0;
    }
    String where = "run_id = " + JobRunLog.literal(runId) + " AND (" + String.join(" OR ", replaced) + ")";
    replace(spark.createDataFrame(results, RESULTS_SCHEMA), LakeZones.join(qualityZone, RESULTS), where);
    replace(spark.createDataFrame(scores, SCORES_SCHEMA), LakeZones.join(qualityZone, SCORES), where);
    return results.size();
  }

  /** The latest score of each of the last {@code days} dates of {@code dataset}, oldest first. */
  static List<Row> trend(SparkSession spark, String qualityZone, String dataset, int days) {
    String path = LakeZones.join(qualityZone, SCORES);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return List.of();
    }
    List<Row> latest = spark.read().format("delta").load(path).where(col("dataset").equalTo(dataset))
        .withColumn("_n", row_number().over(Window.partitionBy("date").orderBy(desc("checked_at"), desc("run_id"))))
        .where(col("_n").equalTo(1)).select("date", "score").orderBy(desc("date")).limit(days).collectAsList();
    List<Row> out = new ArrayList<>(latest);
    java.util.Collections.reverse(out);
    return out;
  }

  private static void replace(Dataset<Row> rows, String path, String where) {
    DeltaRetry.onConflict(path, () -> rows.write().format("delta").mode("overwrite").option("replaceWhere", where).save(path));
  }
}
