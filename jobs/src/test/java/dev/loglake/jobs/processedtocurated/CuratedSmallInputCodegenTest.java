package dev.loglake.jobs.processedtocurated;

import static dev.loglake.jobs.processedtocurated.CuratedTransactionModelsTest.TX;
import static dev.loglake.jobs.processedtocurated.CuratedTransactionModelsTest.tx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.spark.SmallInputCodegen;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * processed-to-curated builds a model whose input is under the session's {@code
 * spark.loglake.codegen.wholeStage.minInputBytes} without whole-stage code generation (each model
 * on its own thread's session), and with it when the threshold is 0; the tables hold the same rows.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class CuratedSmallInputCodegenTest {

  static final String MODELS = "transactions_daily_status,transactions_top_customers";

  @TempDir Path dir;

  /** The whole-stage setting each Spark job of {@code run} carried ("default" when it carried none). */
  static List<String> wholeStageOfEachJob(SparkSession spark, Runnable run) throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        // SQL settings reach a query's jobs as local properties (SQLExecution.withSQLConfPropagated).
        seen.add(start.properties() == null ? "default"
            : start.properties().getProperty("spark.sql.codegen.wholeStage", "default"));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      run.run();
      spark.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    return List.copyOf(seen);
  }

  static CuratedLake lake(SparkSession spark, Path root) {
    CuratedLake lake = new CuratedLake(root);
    lake.ingest(spark, "transactions", "transactions", TX, List.of("2024-03-10"),
        tx("t1", "c1", "2024-03-10T08:10:00Z", "10.50", "EUR", "completed"),
        tx("t2", "c2", "2024-03-10T08:20:00Z", "20.00", "EUR", "completed"),
        tx("t3", "c1", "2024-03-10T09:30:00Z", "5.25", "EUR", "completed"),
        tx("t4", "c3", "2024-03-10T09:40:00Z", "99.99", "USD", "pending"));
    return lake;
  }

  @Test
  void modelsOnASmallInputRunWithoutWholeStageCodegenAndWithItWhenTheThresholdIsZero(SparkSession spark) throws Exception {
    CuratedLake small = lake(spark, dir.resolve("small"));
    CuratedLake always = lake(spark, dir.resolve("always"));

    List<String> smallJobs = wholeStageOfEachJob(spark, () -> small.run(spark, "--models", MODELS));
    List<String> alwaysJobs;
    spark.conf().set(SmallInputCodegen.MIN_BYTES_KEY, "0");
    try {
      alwaysJobs = wholeStageOfEachJob(spark, () -> always.run(spark, "--models", MODELS));
    } finally {
      spark.conf().unset(SmallInputCodegen.MIN_BYTES_KEY);
    }

    // The model writes ran with it off; the job's bookkeeping around them keeps the session's default.
    assertThat(smallJobs).contains("false").doesNotContain("true");
    assertThat(alwaysJobs).isNotEmpty().doesNotContain("false", "true");
    for (String model : MODELS.split(",")) {
      List<Row> a = small.curated(spark, model).orderBy("date", "currency").collectAsList();
      List<Row> b = always.curated(spark, model).orderBy("date", "currency").collectAsList();
      assertThat(a).as(model).isNotEmpty().isEqualTo(b);
    }
    assertThat(spark.conf().contains("spark.sql.codegen.wholeStage")).isFalse();
  }
}
