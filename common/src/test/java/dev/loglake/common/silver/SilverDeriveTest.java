package dev.loglake.common.silver;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.dataset.DerivedColumn;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class SilverDeriveTest {

  static final String TYPED = "code STRING, n INT, _type_errors ARRAY<STRING>";

  /**
   * Under ANSI mode a cast that does not convert throws (as on a session with
   * spark.sql.ansi.enabled): only that row is flagged, even when the failing part appears twice in
   * the expression (Spark may compute a repeated part once, outside the expression).
   */
  @Test
  void aRowOnWhichTheExpressionThrowsIsFlaggedAndTheOthersKeepTheirValues(SparkSession spark) {
    Dataset<Row> typed = Rows.of(spark, Rows.schema(TYPED),
        row("7", 1, List.of()), row("x", 2, List.of("bad_type:other")), row(null, 3, List.of()));
    String ansi = spark.conf().get("spark.sql.ansi.enabled");
    spark.conf().set("spark.sql.ansi.enabled", "true");
    try {
      Dataset<Row> out = SilverDerive.apply(typed, List.of(
          new DerivedColumn("twice", "cast(code AS INT) + cast(code AS INT)"),
          new DerivedColumn("n", "n * 10")));

      assertThat(out.columns()).containsExactly("code", "n", "twice", "_type_errors");
      assertRows(out,
          row("7", 10, 14, List.of()),
          row("x", 20, null, List.of("bad_type:other", "derive:twice")),
          row(null, 30, null, List.of()));
    } finally {
      spark.conf().set("spark.sql.ansi.enabled", ansi);
    }
  }

  @Test
  void checkNamesTheDatasetTheExpressionAndTheColumnsItCanUse(SparkSession spark) {
    assertThatThrownBy(() -> SilverDerive.check(spark, "orders", Rows.schema(TYPED),
        List.of(new DerivedColumn("a", "n + 1"), new DerivedColumn("b", "upper(cod)"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Bad value for loglake.datasets.orders.derive[1].expr: 'upper(cod)'. Expected a Spark SQL"
            + " expression over the columns [code, n, a] ([UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function"
            + " parameter with name `cod` cannot be resolved.");
  }
}
