package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.dataset.RawSource;
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

  /** Magic bytes: PAR1 (Parquet), ORC, Obj\1 (Avro), '{' or '[' (JSON); else text. */
  private static RawSource.Format sniff(SparkSession spark, RawFile file) {
    Path path = new Path(file.path());
    try (InputStream raw = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
      byte[] head = raw.readNBytes(4);
      if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        return sniffText(path, spark);
      }
      String magic = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
      if (magic.startsWith("PAR1")) {
        return RawSource.Format.PARQUET;
      }
      if (magic.startsWith("ORC")) {
        return RawSource.Format.ORC;
      }
      if (magic.startsWith("Obj")) {
        return RawSource.Format.AVRO;
      }
      return textFormat(magic);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the first bytes of " + file.path(), e);
    }
  }

  private static RawSource.Format sniffText(Path path, SparkSession spark) throws IOException {
    try (InputStream in = new GZIPInputStream(path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path))) {
      return textFormat(new String(in.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1));
    }
  }

  private static RawSource.Format textFormat(String head) {
    String t = head.stripLeading();
    return t.startsWith("{") || t.startsWith("[") ? RawSource.Format.JSON : RawSource.Format.TEXT;
  }
}
