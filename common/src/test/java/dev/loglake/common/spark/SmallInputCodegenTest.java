package dev.loglake.common.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.SparkTestSession;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A query inside {@link SmallInputCodegen#run} on a small input, or inside {@link
 * SmallInputCodegen#forJob}, runs interpreted; one on a big input with code generation; the session's
 * own settings come back afterwards, also after a failure.
 */
@ExtendWith(SparkTestSession.class)
class SmallInputCodegenTest {

  static final long MIB = 1024L * 1024;

  @AfterEach
  void unset(SparkSession spark) {
    spark.conf().unset(SmallInputCodegen.MIN_BYTES_KEY);
    spark.conf().unset(SmallInputCodegen.WHOLE_STAGE);
    spark.conf().unset(SmallInputCodegen.FACTORY_MODE);
  }

  /** An aggregate, run; its final plan (Spark marks each whole-stage codegen stage "*(n)"). */
  static Ran aggregate(SparkSession spark) {
    Dataset<Row> df = spark.range(1000).selectExpr("id % 3 AS k").groupBy("k").count().orderBy("k");
    List<Row> rows = df.collectAsList();
    return new Ran(rows.toString(), df.queryExecution().executedPlan().toString());
  }

  record Ran(String rows, String plan) {
    boolean wholeStage() {
      return plan.contains("*(");
    }
  }

  @Test
  void aSmallInputRunsInterpretedAndTheSessionGetsItsSettingsBack(SparkSession spark) {
    Ran small = SmallInputCodegen.run(spark, 63 * MIB, () -> {
      assertThat(spark.conf().get(SmallInputCodegen.WHOLE_STAGE)).isEqualTo("false");
      assertThat(spark.conf().get(SmallInputCodegen.FACTORY_MODE)).isEqualTo("NO_CODEGEN");
      return aggregate(spark);
    });
    Ran after = aggregate(spark);

    assertThat(small.wholeStage()).as(small.plan()).isFalse();
    assertThat(after.wholeStage()).as(after.plan()).isTrue();
    assertThat(small.rows()).isEqualTo(after.rows()).isEqualTo("[[0,334], [1,333], [2,333]]");
    assertThat(spark.conf().contains(SmallInputCodegen.WHOLE_STAGE)).isFalse();
    assertThat(spark.conf().contains(SmallInputCodegen.FACTORY_MODE)).isFalse();
  }

  @Test
  void aJobRunsInterpretedAndItsPartsWithABigInputWithCodeGeneration(SparkSession spark) {
    List<Boolean> wholeStage = SmallInputCodegen.forJob(spark, () -> List.of(
        aggregate(spark).wholeStage(),
        SmallInputCodegen.run(spark, 64 * MIB, () -> {
          assertThat(spark.conf().get(SmallInputCodegen.FACTORY_MODE)).isEqualTo("FALLBACK");
          return aggregate(spark).wholeStage();
        }),
        SmallInputCodegen.run(spark, 1, () -> aggregate(spark).wholeStage()),
        aggregate(spark).wholeStage()));

    assertThat(wholeStage).containsExactly(false, true, false, false);
    assertThat(spark.conf().contains(SmallInputCodegen.WHOLE_STAGE)).isFalse();
  }

  @Test
  void theThresholdIsTheSessionsSettingAndZeroKeepsCodeGenerationForEveryInput(SparkSession spark) {
    spark.conf().set(SmallInputCodegen.MIN_BYTES_KEY, "1k");
    assertThat(SmallInputCodegen.run(spark, 1023, () -> aggregate(spark)).wholeStage()).isFalse();
    assertThat(SmallInputCodegen.run(spark, 1024, () -> aggregate(spark)).wholeStage()).isTrue();

    spark.conf().set(SmallInputCodegen.MIN_BYTES_KEY, "0");
    assertThat(SmallInputCodegen.forJob(spark, () -> {
      assertThat(spark.conf().contains(SmallInputCodegen.FACTORY_MODE)).isFalse();
      return aggregate(spark);
    }).wholeStage()).isTrue();
  }

  @Test
  void theSessionsOwnSettingComesBackAfterARunAndAfterAFailedOne(SparkSession spark) {
    spark.conf().set(SmallInputCodegen.WHOLE_STAGE, "false");

    assertThat(SmallInputCodegen.run(spark, 64 * MIB, () -> aggregate(spark)).wholeStage()).isTrue();
    assertThat(spark.conf().get(SmallInputCodegen.WHOLE_STAGE)).isEqualTo("false");
    assertThatThrownBy(() -> SmallInputCodegen.run(spark, 64 * MIB, () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(spark.conf().get(SmallInputCodegen.WHOLE_STAGE)).isEqualTo("false");
    assertThat(spark.conf().contains(SmallInputCodegen.FACTORY_MODE)).isFalse();
  }

  @Test
  void theJobsConfigTakesTheThresholdAsASparkSettingAndRejectsOneThatIsNoSizeBeforeSparkStarts() {
    String key = "--loglake.spark.conf." + SmallInputCodegen.MIN_BYTES_KEY;
    EtlConfig etl = EtlConfig.load("probe", JobArgs.parse(new String[] {"--conf-dir", "../conf", key, "1m"}, "probe",
        List.of()), Clock.systemUTC());
    assertThat(etl.spark().conf()).containsEntry(SmallInputCodegen.MIN_BYTES_KEY, "1m");

    assertThatThrownBy(() -> EtlConfig.load("probe", JobArgs.parse(new String[] {"--conf-dir", "../conf", key, "lots"},
        "probe", List.of()), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.spark.conf.\"spark.loglake.codegen.wholeStage.minInputBytes\"")
        .hasMessageContaining("lots");
  }

  @Test
  void aThresholdThatIsNoSizeIsABadValueNamingTheKey(SparkSession spark) {
    spark.conf().set(SmallInputCodegen.MIN_BYTES_KEY, "lots");

    assertThatThrownBy(() -> SmallInputCodegen.small(spark, 1))
        .hasMessageContaining("loglake.spark.conf.\"spark.loglake.codegen.wholeStage.minInputBytes\"")
        .hasMessageContaining("lots")
        .hasMessageContaining("a size such as 64m");
  }
}
