package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.dataset.ColumnSpec;
import dev.loglake.common.io.RawRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.TryEval;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns untyped records ({@link RawRecords} columns) into the declared typed columns. A value that
 * is present but does not convert becomes null and adds {@code bad_type:<column>} to {@value
 * Silver#TYPE_ERRORS}; an undeclared source field adds {@code schema:unknown-field} unless the
 * dataset adds columns. A struct, array or map column parses its field's JSON text; a source path
 * ({@code context.page.url}) reads a value from inside a nested JSON object, and a path that runs
 * through something other than an object is a {@code bad_type} too.
 */
public final class SilverTyping {

  private SilverTyping() {}

  /**
   * Requires the {@link RawRecords} columns. Returns the declared columns (typed), the lineage
   * columns {@code _source_file, _line_number, _raw, _malformed, _file_error}, and {@code _type_errors}.
   *
   * @param extraColumns undeclared fields to keep as string columns (schema evolution add-columns);
   *     null = strict: undeclared fields are an error
   */
  public static Dataset<Row> typeFields(Dataset<Row> records, List<ColumnSpec> schema, List<String> extraColumns) {
    List<Column> out = new ArrayList<>();
    List<Column> errors = new ArrayList<>();
    for (ColumnSpec c : schema) {
      Column text = expr(textSql(c));
      Column typed = convert(text, c);
      out.add(typed.as(c.name()));
      errors.add(when(text.isNotNull().and(typed.isNull()).or(pathNotThrough(c, text)), lit("bad_type:" + c.name())));
    }
    if (extraColumns == null) {
      Column declared = array(schema.stream().flatMap(c -> java.util.stream.Stream.of(c.sourceName(), c.sourceField()))
          .distinct().map(f -> lit(f)).toArray(Column[]::new));
      Column unknown = array_except(map_keys(col(RawRecords.FIELDS)), declared);
      errors.add(when(size(unknown).gt(0), concat(lit("schema:unknown-field:"), concat_ws(",", unknown))));
    } else {
      extraColumns.forEach(name -> out.add(col(RawRecords.FIELDS).getItem(name).as(name)));
    }
    out.add(col(RawRecords.SOURCE_FILE));
    out.add(col(RawRecords.LINE_NUMBER));
    out.add(col(RawRecords.RAW));
    out.add(col(RawRecords.MALFORMED));
    out.add(col(RawRecords.FILE_ERROR));
    Column allErrors = array(errors.toArray(Column[]::new));
    out.add(filter(allErrors, Column::isNotNull).as(Silver.TYPE_ERRORS));
    return records.select(out.toArray(Column[]::new));
  }

  /**
   * The column's raw value as text (SQL): its field, or for a source path the value at the path
   * inside the top-level field's JSON (as {@link RawRecords} holds values: strings as they are,
   * other values as their JSON text), unless a field is named the whole path.
   */
  static String textSql(ColumnSpec c) {
    String field = "`" + RawRecords.FIELDS + "`[" + sqlString(c.sourceName()) + "]";
    if (c.sourcePath().isEmpty()) {
      return field;
    }
    return "coalesce(" + field + ", " + pathSql(c.sourceField(), c.sourcePath()) + ")";
  }

  private static String pathSql(String top, List<String> path) {
    String json = "`" + RawRecords.FIELDS + "`[" + sqlString(top) + "]";
    if (path.isEmpty()) {
      return json;
    }
    String jsonPath = "$" + path.stream().map(p -> "['" + p + "']").collect(java.util.stream.Collectors.joining());
    return "get_json_object(" + json + ", " + sqlString(jsonPath) + ")";
  }

  /**
   * True where a source path cannot be followed: the value is absent and one of the objects on its
   * way ({@code context}, {@code context.page}) holds something other than a JSON object.
   */
  private static Column pathNotThrough(ColumnSpec c, Column text) {
    Column broken = lit(false);
    List<String> path = c.sourcePath();
    for (int i = 0; i < path.size(); i++) {
      Column parent = expr(pathSql(c.sourceField(), path.subList(0, i)));
      broken = broken.or(parent.isNotNull().and(not(ltrim(parent).startsWith("{"))));
    }
    return path.isEmpty() ? lit(false) : text.isNull().and(broken);
  }

  private static String sqlString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The text {@code v} converted to the column's type; null when it does not convert. */
  static Column convert(Column v, ColumnSpec c) {
    if (c.type().equals(DataTypes.StringType)) {
      return v;
    }
    if (c.nested()) {
      // FAILFAST throws on a value of another shape (a string where the struct wants an int, an
      // object where an array is declared), which TryEval turns into null: a bad_type, not a
      // struct of nulls. Fields the type does not declare are ignored.
      return new Column(new TryEval(from_json(v, c.type(), Map.of("mode", "FAILFAST")).expr()));
    }
    if (c.format().isPresent() && c.type().equals(DataTypes.TimestampType)) {
      return to_timestamp(v, c.format().get());
    }
    if (c.format().isPresent() && c.type().equals(DataTypes.DateType)) {
      return to_date(v, c.format().get());
    }
    // try_cast follows ANSI rules ('1.5' is not an int) but yields null instead of failing.
    return expr("try_cast(trim(" + textSql(c) + ") AS " + c.type().sql() + ")");
  }
}
