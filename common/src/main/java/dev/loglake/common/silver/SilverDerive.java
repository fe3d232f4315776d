package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.dataset.DerivedColumn;
import dev.loglake.common.error.EtlErrors;
import java.util.List;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.TryEval;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset's derived columns ({@link DerivedColumn}), computed on the typed rows. A row on which an
 * expression fails (a cast error under ANSI, {@code raise_error}, {@code assert_true}) gets a null
 * value and the reason {@code derive:<name>} in {@value Silver#TYPE_ERRORS}: it is quarantined, and
 * the run goes on.
 */
public final class SilverDerive {

  private static final String TRIED = "_derived";

  private SilverDerive() {}

  /**
   * Requires the typed columns the expressions use and {@value Silver#TYPE_ERRORS}. Adds (or
   * replaces) one column per derived column, in order, and appends their failures to {@value
   * Silver#TYPE_ERRORS}.
   */
  public static Dataset<Row> apply(Dataset<Row> typed, List<DerivedColumn> derive) {
    Dataset<Row> out = typed;
    for (DerivedColumn d : derive) {
      // TryEval (what try_add and try_divide run on) turns an exception into null; the struct around
      // the value tells that null from an expression that is null for the row.
      Column tried = new Column(new TryEval(struct(expr(d.expr()).as("v")).expr()));
      Column failed = when(col(TRIED).isNull(), array(lit(d.reason()))).otherwise(array().cast("array<string>"));
      out =
          out.withColumn(TRIED, tried)
              .withColumn(Silver.TYPE_ERRORS, concat(coalesce(col(Silver.TYPE_ERRORS), array().cast("array<string>")), failed))
              .withColumn(d.name(), col(TRIED).getField("v"))
              .drop(TRIED);
    }
    // The table's columns first (declared, then derived), the lineage columns after them.
    List<String> names = List.of(out.columns());
    Column[] ordered = java.util.stream.Stream.concat(
            names.stream().filter(c -> !c.startsWith("_")), names.stream().filter(c -> c.startsWith("_")))
        .map(c -> col("`" + c + "`"))
        .toArray(Column[]::new);
    return derive.isEmpty() ? typed : out.select(ordered);
  }

  /**
   * Fails with a config error naming the dataset and the expression when an expression of {@code
   * derive} does not resolve against the columns {@code typed} (the typed rows' schema).
   */
  public static void check(SparkSession spark, String dataset, StructType typed, List<DerivedColumn> derive) {
    Dataset<Row> rows = spark.createDataFrame(List.of(), typed);
    for (int i = 0; i < derive.size(); i++) {
      DerivedColumn d = derive.get(i);
      try {
        rows = rows.withColumn(d.name(), expr(d.expr()));
        rows.schema();
      } catch (Exception e) {
        if (!(e instanceof AnalysisException)) {
          throw e;
        }
        throw EtlErrors.badValue("loglake.datasets." + dataset + ".derive[" + i + "].expr", d.expr(),
            "a Spark SQL expression over the columns " + List.of(rows.columns()).stream()
                .filter(c -> !c.startsWith("_")).toList() + " (" + DerivedColumn.firstLine(e.getMessage()) + ")");
      }
    }
  }
}
