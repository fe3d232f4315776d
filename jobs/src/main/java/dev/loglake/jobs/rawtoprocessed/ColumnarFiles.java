package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.dataset.RawSource;
import dev.loglake.common.io.FileSignature;
import dev.loglake.common.io.RawFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.orc.OrcFile;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The top-level field names of Parquet, ORC and Avro files, read from each file's footer or header
 * in one Spark job (a file's magic number is checked first). Files are then read in groups of one
 * schema: Spark reads a set of such files with the schema of one of them, so a file with an extra
 * or a missing column would otherwise lose that column or fail the read.
 */
final class ColumnarFiles {

  /** One file: its field names in file order, or why it cannot be read as the format. */
  record Inspected(String path, List<String> fields, String error) {}

  private ColumnarFiles() {}

  static List<Inspected> inspect(SparkSession spark, RawSource.Format format, List<RawFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableConfiguration conf = new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    List<String> paths = files.stream().map(RawFile::path).toList();
    int slices = Math.max(1, Math.min(paths.size(), jsc.defaultParallelism() * 4));
    // Records do not pass Kryo (the session's serializer): each file travels back as
    // {path, error, field...}.
    return jsc.parallelize(paths, slices).map(p -> encode(inspect(conf.value(), format, p))).collect().stream()
        .map(a -> new Inspected(a[0], List.of(java.util.Arrays.copyOfRange(a, 2, a.length)), a[1]))
        .toList();
  }

  private static String[] encode(Inspected i) {
    String[] out = new String[i.fields().size() + 2];
    out[0] = i.path();
    out[1] = i.error();
    for (int f = 0; f < i.fields().size(); f++) {
      out[f + 2] = i.fields().get(f);
    }
    return out;
  }

  /** The readable files grouped by their field names (in first-seen order). */
  static Map<List<String>, List<String>> bySchema(List<Inspected> inspected) {
    Map<List<String>, List<String>> out = new LinkedHashMap<>();
    for (Inspected i : inspected) {
      if (i.error() == null) {
        out.computeIfAbsent(i.fields(), k -> new ArrayList<>()).add(i.path());
      }
    }
    return out;
  }

  private static Inspected inspect(Configuration conf, RawSource.Format format, String file) {
    Path path = new Path(file);
    try {
      FileSystem fs = path.getFileSystem(conf);
      byte[] head;
      try (InputStream in = fs.open(path)) {
        head = in.readNBytes(FileSignature.HEAD);
      }
      String mismatch = FileSignature.mismatch(file, format, head);
      if (mismatch != null) {
        return new Inspected(file, List.of(), mismatch);
      }
      return new Inspected(file, fields(fs, conf, format, path), null);
    } catch (IOException | RuntimeException e) {
      return new Inspected(file, List.of(), file + " cannot be read as " + format + ": " + e.getClass().getSimpleName()
          + ": " + e.getMessage());
    }
  }

  private static List<String> fields(FileSystem fs, Configuration conf, RawSource.Format format, Path path)
      throws IOException {
    switch (format) {
      case PARQUET -> {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
          return r.getFooter().getFileMetaData().getSchema().getFields().stream().map(Type::getName).toList();
        }
      }
      case ORC -> {
        try (org.apache.orc.Reader r = OrcFile.createReader(path, OrcFile.readerOptions(conf).filesystem(fs))) {
          return List.copyOf(r.getSchema().getFieldNames());
        }
      }
      case AVRO -> {
        try (DataFileStream<GenericRecord> r = new DataFileStream<>(fs.open(path), new GenericDatumReader<>())) {
          return r.getSchema().getFields().stream().map(org.apache.avro.Schema.Field::name).toList();
        }
      }
      default -> throw new IllegalArgumentException("not a columnar format: " + format);
    }
  }
}
