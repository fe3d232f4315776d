package dev.loglake.jobs.rawtoprocessed;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import dev.loglake.common.dataset.ColumnSpec;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.dataset.RawSource;
import dev.loglake.common.io.RawFile;
import dev.loglake.common.io.RawRecords;
import dev.loglake.common.silver.Silver;
import dev.loglake.common.silver.SilverTyping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a dataset's new raw files into typed bronze rows: the declared columns plus {@code
 * _source_file, _line_number, _raw, _malformed, _file_error, _type_errors}, whatever the format.
 */
final class BronzeReader {

  private BronzeReader() {}

  static Dataset<Row> read(SparkSession spark, DatasetConfig ds, List<RawFile> files, List<String> extraColumns) {
    RawSource.Format format = ds.raw().format();
    if (format != RawSource.Format.AUTO) {
      return read(spark, ds, format, files, extraColumns);
    }
    Map<RawSource.Format, List<RawFile>> byFormat =
        files.stream().collect(Collectors.groupingBy(f -> FormatDetector.detect(spark, f)));
    Dataset<Row> out = null;
    for (Map.Entry<RawSource.Format, List<RawFile>> e : byFormat.entrySet()) {
      Dataset<Row> part = read(spark, ds, e.getKey(), e.getValue(), extraColumns);
      out = out == null ? part : out.unionByName(part);
    }
    return out;
  }

  private static Dataset<Row> read(
      SparkSession spark, DatasetConfig ds, RawSource.Format format, List<RawFile> files, List<String> extra) {
    return switch (format) {
      case JSON, CSV, TEXT -> SilverTyping.typeFields(
          RawRecords.read(spark, ds.raw().withFormat(format), files), ds.schema(), extra);
      case PARQUET, ORC, AVRO -> columnar(spark, ds, format, files, extra);
      case ALB -> AlbBronze.read(spark, files);
      case AUTO -> throw new IllegalStateException("format detection returned auto");
    };
  }

  /**
   * Self-describing files, read in groups of one schema: columns by name, cast to the declared
   * types; no line numbers. A declared column a file lacks is null; an undeclared one is kept
   * (add-columns, as text) or quarantines the file's rows with {@code schema:unknown-field}
   * (strict), as for JSON fields. A file that is not of the format is one {@code _file_error} row.
   */
  private static Dataset<Row> columnar(
      SparkSession spark, DatasetConfig ds, RawSource.Format format, List<RawFile> files, List<String> extra) {
    List<ColumnarFiles.Inspected> inspected = ColumnarFiles.inspect(spark, format, files);
    Dataset<Row> out = unreadable(spark, ds, inspected, extra);
    for (Map.Entry<List<String>, List<String>> group : ColumnarFiles.bySchema(inspected).entrySet()) {
      Dataset<Row> in =
          spark.read().format(format.name().toLowerCase(Locale.ROOT)).load(group.getValue().toArray(String[]::new));
      out = out.unionByName(typed(in, ds, extra));
    }
    return out;
  }

  private static Dataset<Row> typed(Dataset<Row> in, DatasetConfig ds, List<String> extra) {
    List<String> present = List.of(in.columns());
    List<Column> out = new ArrayList<>();
    List<Column> errors = new ArrayList<>();
    for (ColumnSpec c : ds.schema()) {
      Column source = present.contains(c.sourceName()) ? col("`" + c.sourceName() + "`") : lit(null).cast(DataTypes.StringType);
      Column typed = source.cast(c.type());
      out.add(typed.as(c.name()));
      errors.add(when(source.isNotNull().and(typed.isNull()), lit("bad_type:" + c.name())));
    }
    List<String> declared = ds.schema().stream().map(ColumnSpec::sourceName).toList();
    List<String> undeclared = present.stream().filter(f -> !declared.contains(f)).sorted().toList();
    if (extra == null && !undeclared.isEmpty()) {
      errors.add(lit("schema:unknown-field:" + String.join(",", undeclared)));
    }
    for (String name : extra == null ? List.<String>of() : extra) {
      out.add(present.contains(name) ? asText(in, name).as(name) : lit(null).cast(DataTypes.StringType).as(name));
    }
    out.add(col("_metadata.file_path").as(RawRecords.SOURCE_FILE));
    out.add(lit(null).cast(DataTypes.LongType).as(RawRecords.LINE_NUMBER));
    out.add(to_json(struct(present.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new))).as(RawRecords.RAW));
    out.add(lit(null).cast(DataTypes.StringType).as(RawRecords.MALFORMED));
    out.add(lit(null).cast(DataTypes.StringType).as(RawRecords.FILE_ERROR));
    out.add(filter(array(errors.toArray(Column[]::new)), Column::isNotNull).as(Silver.TYPE_ERRORS));
    return in.select(out.toArray(Column[]::new));
  }

  /** An undeclared column as text: nested values as JSON, as the JSON reader keeps them. */
  private static Column asText(Dataset<Row> in, String name) {
    Column c = col("`" + name + "`");
    DataType type = in.schema().apply(name).dataType();
    boolean nested = type instanceof StructType || type instanceof ArrayType || type instanceof MapType;
    return nested ? to_json(c) : c.cast(DataTypes.StringType);
  }

  /** One {@code _file_error} row per file that is not of the format, with the bronze columns. */
  private static Dataset<Row> unreadable(
      SparkSession spark, DatasetConfig ds, List<ColumnarFiles.Inspected> inspected, List<String> extra) {
    List<Row> rows = inspected.stream().filter(i -> i.error() != null)
        .map(i -> RowFactory.create(i.path(), i.error())).toList();
    Dataset<Row> errors = spark.createDataFrame(rows,
        new StructType().add("path", DataTypes.StringType).add("error", DataTypes.StringType));
    List<Column> out = new ArrayList<>();
    ds.schema().forEach(c -> out.add(lit(null).cast(c.type()).as(c.name())));
    (extra == null ? List.<String>of() : extra).forEach(n -> out.add(lit(null).cast(DataTypes.StringType).as(n)));
    out.add(col("path").as(RawRecords.SOURCE_FILE));
    out.add(lit(null).cast(DataTypes.LongType).as(RawRecords.LINE_NUMBER));
    out.add(lit(null).cast(DataTypes.StringType).as(RawRecords.RAW));
    out.add(lit(null).cast(DataTypes.StringType).as(RawRecords.MALFORMED));
    out.add(col("error").as(RawRecords.FILE_ERROR));
    out.add(array().cast(DataTypes.createArrayType(DataTypes.StringType)).as(Silver.TYPE_ERRORS));
    return errors.select(out.toArray(Column[]::new));
  }
}
