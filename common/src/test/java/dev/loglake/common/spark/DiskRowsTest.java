package dev.loglake.common.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class DiskRowsTest {

  /** Enough rows of every kind (nulls, long strings, arrays, maps) to fill several 1 MB chunks. */
  @Test
  void keptRowsEqualTheBatchRowForRowAcrossChunksAndPartitions(SparkSession spark) {
    Dataset<Row> batch =
        spark
            .range(0, 20_000, 1, 3)
            .selectExpr(
                "id",
                "IF(id % 5 = 0, NULL, CONCAT('row-', id, '-', REPEAT('x', CAST(id % 300 AS INT)))) AS text",
                "IF(id % 7 = 0, NULL, id * 0.5D) AS half",
                "CAST(id AS TIMESTAMP) AS ts",
                "IF(id % 3 = 0, ARRAY(), ARRAY(CONCAT('r', id), NULL)) AS reasons",
                "MAP('k', id) AS props",
                "CAST(id % 11 AS DECIMAL(12, 2)) AS amount");
    List<Row> expected = batch.orderBy("id").collectAsList();

    try (DiskRows kept = DiskRows.keep(batch)) {
      Dataset<Row> rows = kept.dataset();

      assertThat(rows.schema()).isEqualTo(batch.schema());
      assertThat(rows.orderBy("id").collectAsList()).isEqualTo(expected);
      // Read again (from disk, not recomputed), also through a filter that keeps no row object.
      assertThat(rows.where("id % 1000 = 1").orderBy("id").collectAsList())
          .isEqualTo(expected.stream().filter(r -> r.getLong(0) % 1000 == 1).toList());
      assertThat(rows.rdd().getNumPartitions()).isEqualTo(3);
    }
  }
}
