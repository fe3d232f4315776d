package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.dataset.RawSource;
import dev.loglake.common.io.FileSignature;
import dev.loglake.common.io.RawFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** {@code format = auto}: the format of a raw file from its extension, else its first bytes. */
final class FormatDetector {

  private FormatDetector() {}

  static RawSource.Format detect(SparkSession spark, RawFile file) {
    String name = file.path().toLowerCase(Locale.ROOT);
    String base = name.replaceAll("\\.(gz|gzip|bz2|zst|zstd|snappy|deflate)$", "");
    if (base.endsWith(".parquet")) {
      return RawSource.Format.PARQUET;
    }
    if (base.endsWith(".orc")) {
      return RawSource.Format.ORC;
    }
    if (base.endsWith(".avro")) {
      return RawSource.Format.AVRO;
    }
    if (base.endsWith(".json") || base.endsWith(".jsonl") || base.endsWith(".ndjson")) {
      return RawSource.Format.JSON;
    }
    if (base.endsWith(".csv") || base.endsWith(".tsv")) {
      return RawSource.Format.CSV;
    }
    if (name.contains("_elasticloadbalancing_") && base.endsWith(".log")) {
      return RawSource.Format.ALB;
    }
    return sniff(spark, file);
  }

  /** Magic bytes (see {@link FileSignature}); gzip is looked into. */
  private static RawSource.Format sniff(SparkSession spark, RawFile file) {
    Path path = new Path(file.path());
    try (InputStream raw = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
      FileSignature.Kind kind = FileSignature.of(raw.readNBytes(FileSignature.HEAD));
      if (kind == FileSignature.Kind.GZIP) {
        try (InputStream in =
            new GZIPInputStream(path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path))) {
          kind = FileSignature.of(in.readNBytes(FileSignature.HEAD));
        }
      }
      return switch (kind) {
        case PARQUET -> RawSource.Format.PARQUET;
        case ORC -> RawSource.Format.ORC;
        case AVRO -> RawSource.Format.AVRO;
        case JSON -> RawSource.Format.JSON;
        default -> RawSource.Format.TEXT;
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the first bytes of " + file.path(), e);
    }
  }
}
