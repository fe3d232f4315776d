package dev.loglake.jobs.rawtoprocessed;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

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
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

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
          RawRecords.read(spark, withFormat(ds.raw(), format), files), ds.schema(), extra);
      case PARQUET, ORC, AVRO -> columnar(spark, ds, format, files);
      case ALB -> AlbBronze.read(spark, files);
      case AUTO -> throw new IllegalStateException("format detection returned auto");
    };
  }

  /** Self-describing files: columns by name, cast to the declared types; no line numbers. */
  private static Dataset<Row> columnar(SparkSession spark, DatasetConfig ds, RawSource.Format format, List<RawFile> files) {
    Dataset<Row> in =
        spark.read().format(format.name().toLowerCase(Locale.ROOT))
            .load(files.stream().map(RawFile::path).toArray(String[]::new));
    List<String> present = List.of(in.columns());
    List<Column> out = new ArrayList<>();
    List<Column> errors = new ArrayList<>();
    for (ColumnSpec c : ds.schema()) {
      Column source = present.contains(c.sourceName()) ? col(c.sourceName()) : lit(null).cast(DataTypes.StringType);
      Column typed = source.cast(c.type());
      out.add(typed.as(c.name()));
      errors.add(org.apache.spark.sql.functions.when(source.isNotNull().and(typed.isNull()), lit("bad_type:" + c.name())));
    }
    out.add(col("_metadata.file_path").as(RawRecords.SOURCE_FILE));
    out.add(lit(null).cast(DataTypes.LongType).as(RawRecords.LINE_NUMBER));
    out.add(to_json(struct(present.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new))).as(RawRecords.RAW));
    out.add(lit(null).cast(DataTypes.StringType).as(RawRecords.MALFORMED));
    out.add(lit(null).cast(DataTypes.StringType).as(RawRecords.FILE_ERROR));
    out.add(org.apache.spark.sql.functions.filter(array(errors.toArray(Column[]::new)), Column::isNotNull).as(Silver.TYPE_ERRORS));
    return in.select(out.toArray(Column[]::new));
  }

  private static RawSource withFormat(RawSource s, RawSource.Format f) {
    return new RawSource(s.path(), f, s.layout(), s.include(), s.jsonArray(), s.csvOptions());
  }
}
