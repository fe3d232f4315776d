package dev.loglake.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Whole-row comparisons of small datasets. Rows are compared as lists of values after sorting both
 * sides by their string form, so order never matters and every column counts.
 */
public final class DatasetAssert {

  private DatasetAssert() {}

  /** Asserts {@code actual} holds exactly {@code expected} rows (any order), column by column. */
  public static void assertRows(Dataset<Row> actual, Row... expected) {
    assertRows(actual, Arrays.asList(expected));
  }

  public static void assertRows(Dataset<Row> actual, List<Row> expected) {
    List<List<Object>> got = sorted(actual.collectAsList());
    List<List<Object>> want = sorted(expected);
    assertThat(got)
        .as("rows of %s", actual.schema().simpleString())
        .containsExactlyElementsOf(want);
  }

  /** Asserts the two datasets have the same schema (names and types) and the same rows. */
  public static void assertSameData(Dataset<Row> actual, Dataset<Row> expected) {
    assertSchema(actual, expected.schema());
    assertRows(actual, expected.collectAsList());
  }

  public static void assertSchema(Dataset<Row> actual, StructType expected) {
    assertThat(actual.schema().simpleString()).isEqualTo(expected.simpleString());
  }

  private static List<List<Object>> sorted(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        values.add(normalize(r.get(i)));
      }
      out.add(values);
    }
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  private static Object normalize(Object v) {
    if (v instanceof scala.collection.Seq<?> seq) {
      return new ArrayList<>(scala.collection.JavaConverters.seqAsJavaList(seq));
    }
    if (v instanceof Row nested) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < nested.length(); i++) {
        values.add(normalize(nested.get(i)));
      }
      return values;
    }
    return v;
  }
}
