package dev.loglake.common.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns untyped records ({@link RawRecords} columns) into the declared typed columns. A value that
 * is present but does not convert becomes null and adds {@code bad_type:<column>} to {@value
 * Silver#TYPE_ERRORS}; an undeclared source field adds {@code schema:unknown-field} unless the
 * dataset adds columns.
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
      Column text = col(RawRecords.FIELDS).getItem(c.sourceName());
      Column typed = convert(text, c);
      out.add(typed.as(c.name()));
      errors.add(when(text.isNotNull().and(typed.isNull()), lit("bad_type:" + c.name())));
    }
    if (extraColumns == null) {
      Column declared = array(schema.stream().map(c -> lit(c.sourceName())).toArray(Column[]::new));
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

  /** The text {@code v} converted to the column's type; null when it does not convert. */
  static Column convert(Column v, ColumnSpec c) {
    if (c.type().equals(DataTypes.StringType)) {
      return v;
    }
    if (c.format().isPresent() && c.type().equals(DataTypes.TimestampType)) {
      return to_timestamp(v, c.format().get());
    }
    if (c.format().isPresent() && c.type().equals(DataTypes.DateType)) {
      return to_date(v, c.format().get());
    }
    // try_cast follows ANSI rules ('1.5' is not an int) but yields null instead of failing.
    String sql = c.type().sql();
    return expr("try_cast(trim(`" + RawRecords.FIELDS + "`['" + c.sourceName().replace("'", "\\'") + "']) AS " + sql + ")");
  }
}
