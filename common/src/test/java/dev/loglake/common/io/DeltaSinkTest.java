package dev.loglake.common.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first write of a table expects no table at its path: when another run created it since the
 * check, Delta's error says so, and insertNew then inserts only the keys that table lacks.
 */
@ExtendWith(SparkTestSession.class)
class DeltaSinkTest {

  @TempDir Path dir;

  @Test
  void aTableCreatedSinceTheCheckIsDeltasPathExistsErrorAndNothingElseIs(SparkSession spark) {
    String path = dir.resolve("t").toString();
    spark.range(3).selectExpr("id", "DATE'2024-03-10' AS date").write().format("delta").save(path);

    Throwable exists = catchThrowable(() ->
        spark.range(3).selectExpr("id", "DATE'2024-03-10' AS date").write().format("delta").mode("errorifexists").save(path));
    Throwable badColumn = catchThrowable(() -> spark.read().format("delta").load(path).select("nope").count());

    assertThat(DeltaSink.createdMeanwhile(exists)).as(String.valueOf(exists)).isTrue();
    assertThat(DeltaSink.createdMeanwhile(new IllegalStateException("write failed", exists))).isTrue();
    assertThat(DeltaSink.createdMeanwhile(badColumn)).as(String.valueOf(badColumn)).isFalse();
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(3);
  }

  @Test
  void insertNewOnAPathWithATableInsertsOnlyTheMissingKeys(SparkSession spark) {
    String path = dir.resolve("t").toString();
    spark.range(3).selectExpr("CAST(id AS STRING) AS k", "DATE'2024-03-10' AS date").write().format("delta")
        .partitionBy("date").save(path);

    long written = DeltaSink.insertNew(spark, path,
        spark.range(5).selectExpr("CAST(id AS STRING) AS k", "DATE'2024-03-10' AS date"), "k", "date",
        java.util.List.of("2024-03-10"), false, java.util.List.of());

    assertThat(written).isEqualTo(2);
    assertThat(spark.read().format("delta").load(path).orderBy("k").collectAsList().toString())
        .isEqualTo("[[0,2024-03-10], [1,2024-03-10], [2,2024-03-10], [3,2024-03-10], [4,2024-03-10]]");
  }
}
