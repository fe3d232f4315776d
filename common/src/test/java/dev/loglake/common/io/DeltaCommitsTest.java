package dev.loglake.common.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures of one write's own commit: found among the newest commits, or further back in the whole
 * history when other writers committed many times since; none when the write committed nothing.
 */
@ExtendWith(SparkTestSession.class)
class DeltaCommitsTest {

  @TempDir Path dir;

  static Dataset<Row> ids(SparkSession spark, long n) {
    return spark.range(n).toDF("id");
  }

  @Test
  void theWritesOwnCommitGivesItsFiguresWhateverOtherWritersCommittedAfterIt(SparkSession spark) {
    String path = dir.resolve("t").toString();
    ids(spark, 1).write().format("delta").save(path);
    // Another writer: its own session, so its commits carry no tag of ours.
    SparkSession other = spark.newSession();

    Map<String, String> ours = DeltaCommits.metricsOf(spark, path, () -> {
      ids(spark, 7).write().format("delta").mode(SaveMode.Append).save(path);
      ids(other, 2).write().format("delta").mode(SaveMode.Append).save(path);
    });
    assertThat(ours).containsEntry("numOutputRows", "7").containsEntry("numFiles", String.valueOf(files(spark, path, 1)));

    // Our commit, then more commits of the other writer than the newest ones searched first (20).
    Map<String, String> older = DeltaCommits.metricsOf(spark, path, () -> {
      ids(spark, 5).write().format("delta").mode(SaveMode.Append).save(path);
      for (int i = 0; i < 21; i++) {
        ids(other, 1).coalesce(1).write().format("delta").mode(SaveMode.Append).save(path);
      }
    });
    assertThat(DeltaCommits.metric(older, "numOutputRows")).isEqualTo(5);
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(1 + 7 + 2 + 5 + 21);
  }

  @Test
  void theWritesOwnCommitGivesItsVersionWhateverOtherWritersCommittedAfterIt(SparkSession spark) {
    String path = dir.resolve("t").toString();
    ids(spark, 1).write().format("delta").save(path);
    SparkSession other = spark.newSession();

    java.util.OptionalLong ours = DeltaCommits.versionOf(spark, path, () -> {
      ids(other, 2).write().format("delta").mode(SaveMode.Append).save(path);
      ids(spark, 7).write().format("delta").mode(SaveMode.Append).save(path);
      ids(other, 2).write().format("delta").mode(SaveMode.Append).save(path);
    });
    // Further back than the newest commits searched first: found in the whole history.
    java.util.OptionalLong older = DeltaCommits.versionOf(spark, path, () -> {
      ids(spark, 5).write().format("delta").mode(SaveMode.Append).save(path);
      for (int i = 0; i < 21; i++) {
        ids(other, 1).coalesce(1).write().format("delta").mode(SaveMode.Append).save(path);
      }
    });

    assertThat(ours).hasValue(2);
    assertThat(older).hasValue(4);
    assertThat(DeltaTable.forPath(spark, path).history().where("version IN (2, 4)").select("operationMetrics.numOutputRows")
        .collectAsList()).extracting(r -> r.getString(0)).containsExactlyInAnyOrder("7", "5");
    assertThat(DeltaCommits.versionOf(spark, dir.resolve("none").toString(), () -> { })).isEmpty();
  }

  @Test
  void aWriteThatCommitsNothingHasNoFigures(SparkSession spark) {
    String path = dir.resolve("t").toString();
    ids(spark, 3).write().format("delta").save(path);

    // A MERGE that matches every row and changes none makes no commit.
    Map<String, String> none = DeltaCommits.metricsOf(spark, path, () -> DeltaTable.forPath(spark, path).as("t")
        .merge(ids(spark, 3).as("s"), "t.id = s.id").whenNotMatched().insertAll().execute());

    assertThat(none).isEmpty();
    assertThat(DeltaCommits.metric(none, "numOutputRows")).isZero();
    assertThat(DeltaTable.forPath(spark, path).history().count()).isEqualTo(1);
  }

  /** The files the commit {@code version} added. */
  private static long files(SparkSession spark, String path, long version) {
    return spark.read().json(path + "/_delta_log/" + String.format("%020d.json", version)).where("add IS NOT NULL").count();
  }
}
