package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class SilverRecordHashTest {

  /**
   * Record keys already stored in processed tables were made with format_string("%016x%08x", ...):
   * the cheaper expression must give the same 24 characters for every value, whatever the signs.
   */
  @Test
  void recordHashIsTheFormattedXxhash64AndMurmur3OfTheValuesAndNullMask(SparkSession spark) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      values.add(i % 7 == 0 ? null : "value-" + i);
    }
    Dataset<Row> rows = spark.createDataset(values, Encoders.STRING()).toDF("a").withColumn("b", col("a"));

    Dataset<Row> both =
        rows.select(
            Silver.recordHash(List.of("a", "b")).as("hash"),
            format_string(
                    "%016x%08x",
                    xxhash64(col("a"), col("b"), nullMask()),
                    hash(col("a"), col("b"), nullMask()))
                .as("formatted"),
            xxhash64(col("a"), col("b"), nullMask()).as("x"),
            hash(col("a"), col("b"), nullMask()).as("m"));

    List<Row> all = both.collectAsList();
    assertThat(all).allSatisfy(r -> assertThat(r.getString(0)).hasSize(24).isEqualTo(r.getString(1)));
    // Both signs of both hashes occur, so the two's-complement padding is exercised.
    assertThat(all).anyMatch(r -> r.getLong(2) < 0).anyMatch(r -> r.getLong(2) > 0);
    assertThat(all).anyMatch(r -> r.getInt(3) < 0).anyMatch(r -> r.getInt(3) > 0);
  }

  /** Over 63 columns (two bit masks), with every column null in some rows and not in others. */
  @Test
  void nullMaskIsTheConcatenatedNullFlagsOfEveryColumn(SparkSession spark) {
    List<String> columns = new ArrayList<>();
    List<String> exprs = new ArrayList<>();
    for (int c = 0; c < 70; c++) {
      columns.add("c" + c);
      exprs.add("IF((id + " + c + ") % " + (2 + c % 5) + " = 0, NULL, id) AS c" + c);
    }
    Dataset<Row> rows = spark.range(0, 500).selectExpr(exprs.toArray(String[]::new));
    for (List<String> cols : List.of(columns, columns.subList(0, 63), columns.subList(5, 6), List.<String>of())) {
      org.apache.spark.sql.Column flags =
          org.apache.spark.sql.functions.concat_ws(
              "",
              cols.stream()
                  .map(c -> org.apache.spark.sql.functions.when(col(c).isNull(), "1").otherwise("0"))
                  .toArray(org.apache.spark.sql.Column[]::new));

      List<Row> both = rows.select(Silver.nullMask(cols).as("mask"), flags.as("flags")).collectAsList();

      assertThat(both).allSatisfy(r -> assertThat(r.getString(0)).isEqualTo(r.getString(1)).hasSize(cols.size()));
      if (!cols.isEmpty()) {
        assertThat(both).anyMatch(r -> r.getString(0).contains("1")).anyMatch(r -> r.getString(0).contains("0"));
      }
    }
  }

  private static org.apache.spark.sql.Column nullMask() {
    return org.apache.spark.sql.functions.concat_ws(
        "",
        org.apache.spark.sql.functions.when(col("a").isNull(), "1").otherwise("0"),
        org.apache.spark.sql.functions.when(col("b").isNull(), "1").otherwise("0"));
  }
}
