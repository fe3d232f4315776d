package dev.loglake.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Delta commit costs the same Spark jobs whatever the JVM's default time zone. Delta 3.3 rebuilds
 * a table's whole state after each commit when that zone is not UTC (a laptop's, usually), unless
 * the session turns the check off as {@link SparkSessions#BASE_SETTINGS} does.
 */
@ExtendWith(SparkTestSession.class)
class DeltaCommitTimeZoneTest {

  static final String FORCE_CHECK = "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled";

  @TempDir Path dir;

  @Test
  void aCommitOutsideUtcRunsTheSameJobsAsInUtc(SparkSession spark) throws Exception {
    String path = dir.resolve("t").toString();
    spark.range(3).write().format("delta").save(path);
    appendCountingJobs(spark, path);
    int utc = appendCountingJobs(spark, path);

    TimeZone zone = TimeZone.getDefault();
    String setting = spark.conf().get(FORCE_CHECK);
    TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
    try {
      int berlin = appendCountingJobs(spark, path);
      spark.conf().set(FORCE_CHECK, "true");
      int berlinChecked = appendCountingJobs(spark, path);

      assertThat(setting).isEqualTo("false");
      assertThat(berlin).isEqualTo(utc);
      // The check this setting turns off: at least one more job per commit.
      assertThat(berlinChecked).isGreaterThan(utc);
    } finally {
      TimeZone.setDefault(zone);
      spark.conf().set(FORCE_CHECK, setting);
    }
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(3 + 4);
  }

  /** The Spark jobs one single-row append to the Delta table at {@code path} runs. */
  private static int appendCountingJobs(SparkSession spark, String path) throws Exception {
    AtomicInteger jobs = new AtomicInteger();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().listenerBus().waitUntilEmpty();
    spark.sparkContext().addSparkListener(listener);
    try {
      spark.range(1).write().format("delta").mode(SaveMode.Append).save(path);
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return jobs.get();
  }
}
