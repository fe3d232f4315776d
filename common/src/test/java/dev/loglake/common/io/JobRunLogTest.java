package dev.loglake.common.io;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run history's rows: a STARTED row appended, then replaced by the run's final row through the
 * file this process wrote, or, when that file is no longer the table's, through replaceWhere; the
 * table holds one row per run either way.
 */
@ExtendWith(SparkTestSession.class)
class JobRunLogTest {

  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

  @TempDir Path dir;

  static JobRunLog.Entry started(String runId) {
    return new JobRunLog.Entry(runId, "raw-to-processed", JobRunLog.STARTED, T0, null, null, null, null, Map.of(), null, null);
  }

  static JobRunLog.Entry succeeded(String runId) {
    return new JobRunLog.Entry(runId, "raw-to-processed", "SUCCEEDED", T0, T0.plusSeconds(7), 7.0, null, null,
        Map.of("rows_read", "3"), "exec-1", null);
  }

  static Row asRow(JobRunLog.Entry e) {
    return row(e.runId(), e.job(), e.status(), Timestamp.from(e.startedAt()),
        e.endedAt() == null ? null : Timestamp.from(e.endedAt()), e.durationSeconds(), e.errorClass(), e.error(),
        figuresJson(e.figures()), e.executionId(), e.glueJobRunId());
  }

  /** The table's rows, the figures map as JSON (keys in order). */
  static org.apache.spark.sql.Dataset<Row> rows(SparkSession spark, String path) {
    return spark.read().format("delta").load(path).selectExpr("run_id", "job", "status", "started_at", "ended_at",
        "duration_s", "error_class", "error", "to_json(figures)", "execution_id", "glue_job_run_id");
  }

  static String figuresJson(Map<String, String> figures) {
    StringBuilder json = new StringBuilder("{");
    new java.util.TreeMap<>(figures).forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
        .append('"').append(k).append("\":\"").append(v).append('"'));
    return json.append('}').toString();
  }

  @Test
  void theFinalRowReplacesTheAppendedStartedRowByItsFileInOneCommit(SparkSession spark) {
    String zone = dir.toString();
    String path = JobRunLog.path(zone);
    OptionalLong first = JobRunLog.appendNew(spark, zone, started("r0"));
    JobRunLog.replaceAppended(spark, zone, succeeded("r0"), first.getAsLong());
    // Another run's STARTED row, appended after ours: its replacement must leave r0's final row alone.
    OptionalLong appended = JobRunLog.appendNew(spark, zone, started("r1"));

    JobRunLog.replaceAppended(spark, zone, succeeded("r1"), appended.getAsLong());

    assertThat(first).hasValue(0);
    assertThat(appended).hasValue(2);
    assertRows(rows(spark, path), asRow(succeeded("r0")), asRow(succeeded("r1")));
    // One commit per row; each replacement is a WRITE in Overwrite mode whose predicate is the run's key,
    // as replaceWhere's, removing one file (the STARTED row's) and adding one.
    List<Row> history = DeltaTable.forPath(spark, path).history().orderBy("version")
        .select("version", "operation", "operationParameters.mode", "operationParameters.predicate").collectAsList();
    assertThat(history).extracting(Row::toString).containsExactly(
        "[0,WRITE,Append,null]",
        "[1,WRITE,Overwrite,run_id = 'r0' AND job = 'raw-to-processed']",
        "[2,WRITE,Append,null]",
        "[3,WRITE,Overwrite,run_id = 'r1' AND job = 'raw-to-processed']");
    assertThat(spark.read().format("delta").load(path).inputFiles()).hasSize(2);
    assertThat(files(spark, path, 3, "remove")).isEqualTo(files(spark, path, 2, "add")).hasSize(1);
    assertThat(files(spark, path, 3, "add")).hasSize(1);
  }

  @Test
  void whenMaintainCompactedTheStartedRowAwayTheFinalRowReplacesItThroughReplaceWhere(SparkSession spark) {
    String zone = dir.toString();
    String path = JobRunLog.path(zone);
    JobRunLog.appendNew(spark, zone, started("r0"));
    OptionalLong appended = JobRunLog.appendNew(spark, zone, started("r1"));
    // Compaction: both STARTED rows now live in one new file, and r1's own file is removed.
    DeltaTable.forPath(spark, path).optimize().executeCompaction();
    assertThat(spark.read().format("delta").load(path).inputFiles()).hasSize(1);

    JobRunLog.replaceAppended(spark, zone, succeeded("r1"), appended.getAsLong());

    assertRows(rows(spark, path), asRow(started("r0")), asRow(succeeded("r1")));
    // replaceWhere rewrote the compacted file (commit 2, OPTIMIZE's), keeping r0's row.
    assertThat(files(spark, path, 3, "remove")).isEqualTo(files(spark, path, 2, "add")).hasSize(1);
  }

  /** The paths commit {@code version} added ({@code add}) or removed ({@code remove}), from its log file. */
  static List<String> files(SparkSession spark, String path, long version, String kind) {
    scala.collection.Iterator<scala.Tuple2<Object, scala.collection.Seq<org.apache.spark.sql.delta.actions.Action>>> changes =
        org.apache.spark.sql.delta.DeltaLog.forTable(spark, path).getChanges(version, true);
    List<String> out = new java.util.ArrayList<>();
    for (org.apache.spark.sql.delta.actions.Action a : scala.collection.JavaConverters.seqAsJavaList(changes.next()._2())) {
      if (kind.equals("add") && a instanceof org.apache.spark.sql.delta.actions.AddFile f) {
        out.add(f.path());
      } else if (kind.equals("remove") && a instanceof org.apache.spark.sql.delta.actions.RemoveFile f) {
        out.add(f.path());
      }
    }
    return out;
  }
}
