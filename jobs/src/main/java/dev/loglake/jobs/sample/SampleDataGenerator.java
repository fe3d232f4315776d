package dev.loglake.jobs.sample;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a deterministic raw zone for demos, tests and benchmarks: ALB access logs (gzip, real S3
 * key layout), web events (JSON lines) and transactions (CSV), each with a small, realistic share
 * of dirty records. The same seed always gives byte-identical files; files are written through
 * Hadoop {@link FileSystem}, so local paths and {@code s3a://} both work.
 *
 * <p>Layout under the raw-zone root:
 *
 * <pre>
 * AWSLogs/123456789012/elasticloadbalancing/us-east-1/yyyy/MM/dd/
 *     123456789012_elasticloadbalancing_us-east-1_app.loglake-demo.50dc6c495c0c9188_
 *     &lt;yyyyMMdd'T'HHmm'Z' interval end&gt;_&lt;node ip&gt;_&lt;random8&gt;.log.gz
 * events/web/year=YYYY/month=MM/day=DD/part-&lt;n&gt;.json
 * events/transactions/year=YYYY/month=MM/day=DD/transactions-&lt;n&gt;.csv
 * </pre>
 */
public final class SampleDataGenerator {

  private static final Logger LOG = LoggerFactory.getLogger(SampleDataGenerator.class);

  private final FileSystem fs;

  public SampleDataGenerator(FileSystem fs) {
    this.fs = Objects.requireNonNull(fs, "fs");
  }

  /** Writes all datasets under {@code rawZoneRoot}, overwriting files of the same name. */
  public SampleDataSummary generate(Path rawZoneRoot, SampleDataOptions options)
      throws IOException {
    Objects.requireNonNull(rawZoneRoot, "rawZoneRoot");
    Objects.requireNonNull(options, "options");
    FileSystem target = withoutChecksumFiles(fs);
    long started = System.nanoTime();
    List<DatasetSummary> datasets =
        List.of(
            new AlbLogGenerator(target).generate(rawZoneRoot, options),
            new WebEventGenerator(target).generate(rawZoneRoot, options),
            new TransactionGenerator(target).generate(rawZoneRoot, options));
    SampleDataSummary summary = new SampleDataSummary(datasets);
    LOG.info(
        "Generated {} sample files ({} lines) under {} in {} ms",
        summary.totalFiles(),
        summary.totalLines(),
        rawZoneRoot,
        (System.nanoTime() - started) / 1_000_000);
    return summary;
  }

  /**
   * The local file system writes a hidden {@code .crc} file next to every file. S3 has none, and
   * they only clutter a raw zone meant to look like a bucket, so write through the raw file system.
   */
  private static FileSystem withoutChecksumFiles(FileSystem fs) {
    return fs instanceof ChecksumFileSystem checksummed ? checksummed.getRawFileSystem() : fs;
  }
}
