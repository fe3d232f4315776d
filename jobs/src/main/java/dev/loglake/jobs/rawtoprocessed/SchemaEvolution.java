package dev.loglake.jobs.rawtoprocessed;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.map_keys;

import dev.loglake.common.dataset.ColumnSpec;
import dev.loglake.common.dataset.DatasetConfig;
import dev.loglake.common.dataset.RawSource;
import dev.loglake.common.io.RawFile;
import dev.loglake.common.io.RawRecords;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code schema-evolution = add-columns}: the source fields of a batch that the dataset does not
 * declare; they become new nullable string columns of the table. Costs one extra read of the batch,
 * only for datasets that opt in.
 */
final class SchemaEvolution {

  private SchemaEvolution() {}

  static List<String> newFields(SparkSession spark, DatasetConfig ds, List<RawFile> files) {
    Set<String> declared = ds.schema().stream()
        .flatMap(c -> java.util.stream.Stream.of(c.sourceName(), c.sourceField())).collect(Collectors.toSet());
    Map<RawSource.Format, List<RawFile>> byFormat = ds.raw().format() == RawSource.Format.AUTO
        ? files.stream().collect(Collectors.groupingBy(f -> FormatDetector.detect(spark, f)))
        : Map.of(ds.raw().format(), files);
    Set<String> fields = new TreeSet<>();
    byFormat.forEach((format, some) -> fields.addAll(fields(spark, ds, format, some)));
    fields.removeAll(declared);
    return List.copyOf(fields);
  }

  private static List<String> fields(SparkSession spark, DatasetConfig ds, RawSource.Format format, List<RawFile> files) {
    if (format == RawSource.Format.PARQUET || format == RawSource.Format.ORC || format == RawSource.Format.AVRO) {
      return ColumnarFiles.inspect(spark, format, files).stream().flatMap(i -> i.fields().stream()).toList();
    }
    return RawRecords.read(spark, ds.raw().withFormat(format), files)
        .select(explode(map_keys(col(RawRecords.FIELDS))).as("field"))
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
