package dev.loglake.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * In local mode ({@link SparkSessions#LOCAL_SETTINGS}) Delta rebuilds a small table's state in one
 * task after reading its log, not in Delta's 50 (or the 4 used before): each task is scheduling and
 * serialization on the same few cores the job needs.
 */
@ExtendWith(SparkTestSession.class)
class DeltaSnapshotPartitionsTest {

  @TempDir Path dir;

  @Test
  void aTablesStateIsRebuiltInOneTaskAfterTheLogsRead(SparkSession spark) throws Exception {
    String path = dir.resolve("t").toString();
    for (int i = 0; i < 3; i++) {
      spark.range(i, i + 2).write().format("delta").mode(SaveMode.Append).save(path);
    }
    List<Integer> tasks = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onStageCompleted(SparkListenerStageCompleted stage) {
        tasks.add(stage.stageInfo().numTasks());
      }
    };
    // A fresh DeltaLog: its first snapshot's state is rebuilt from the log's three commits.
    DeltaLog.clearCache();
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(listener);
    long files;
    try {
      files = DeltaLog.forTable(spark, path).update(false, scala.Option.empty(), scala.Option.empty()).allFiles().count();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }

    assertThat(spark.conf().get("spark.databricks.delta.snapshotPartitions")).isEqualTo("1");
    assertThat(files).isEqualTo(3 * spark.range(2).rdd().getNumPartitions());
    // The first stage reads the log's files (one task per split of them); every stage after the
    // shuffle has snapshotPartitions tasks.
    assertThat(tasks).as("tasks of each stage").hasSizeGreaterThanOrEqualTo(2);
    assertThat(tasks.subList(1, tasks.size())).as("tasks of each stage after the log's read").containsOnly(1);
  }
}
