package dev.loglake.common.io;

import dev.loglake.common.dataset.RawSource;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads text-based raw files (JSON lines or arrays, CSV, text) into untyped records, one Spark task
 * per group of files, each file read whole by one task so line numbers are exact and a file that
 * cannot be read fails alone (a {@code _file_error} row) instead of failing the job.
 *
 * <p>Output columns: {@code _source_file}, {@code _line_number} (line of the record, or of the
 * array element), {@code _raw} (the record's text, truncated to {@value #MAX_RAW} characters),
 * {@code _fields} (field name to value as text; JSON numbers, booleans and objects as their JSON
 * text; CSV empty values as null), {@code _malformed} (why the record could not be parsed, else
 * null) and {@code _file_error} (set on the one row standing for an unreadable file).
 */
public final class RawRecords {

  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE_NUMBER = "_line_number";
  public static final String RAW = "_raw";
  public static final String FIELDS = "_fields";
  public static final String MALFORMED = "_malformed";
  public static final String FILE_ERROR = "_file_error";
  static final int MAX_RAW = 32_768;

  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE_FILE, DataTypes.StringType, false)
          .add(LINE_NUMBER, DataTypes.LongType, true)
          .add(RAW, DataTypes.StringType, true)
          .add(FIELDS, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
          .add(MALFORMED, DataTypes.StringType, true)
          .add(FILE_ERROR, DataTypes.StringType, true);

  private RawRecords() {}

  /** Reads {@code files} of {@code source} (format json, csv or text). */
  public static Dataset<Row> read(SparkSession spark, RawSource source, List<RawFile> files) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableConfiguration conf =
        new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    RecordFileReader reader = new RecordFileReader(conf, source);
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
    List<String> paths = files.stream().map(RawFile::path).toList();
    JavaRDD<Row> rows = jsc.parallelize(paths, slices).mapPartitions(reader::readAll);
    return spark.createDataFrame(rows, SCHEMA);
  }

  static String truncate(String raw) {
    return raw == null || raw.length() <= MAX_RAW ? raw : raw.substring(0, MAX_RAW);
  }
}
