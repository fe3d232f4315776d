package dev.loglake.common.alb;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;

/**
 * Plans one input partition per file (gzip is not splittable) and prunes columns. Listing happens
 * on the driver when Spark plans the batch.
 */
final class AlbScan implements ScanBuilder, SupportsPushDownRequiredColumns, Scan, Batch {

  /** One file; rejects of files outside the date range are dropped (their day reports them). */
  record FilePartition(String path, boolean inRange) implements InputPartition {}

  private final AlbReadRequest request;
  private StructType required;

  AlbScan(AlbReadRequest request, StructType full) {
    this.request = request;
    this.required = full;
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    this.required = requiredSchema;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return required;
  }

  @Override
  public String description() {
    return "AlbScan(" + request + ", columns=" + required.size() + ")";
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    SparkSession spark = SparkSession.active();
    List<AlbFileLister.InputFile> files =
        AlbFileLister.list(spark.sparkContext().hadoopConfiguration(), request).files();
    return files.stream()
        .map(f -> new FilePartition(f.path(), f.inRange()))
        .toArray(InputPartition[]::new);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    SparkSession spark = SparkSession.active();
    return new AlbPartitionReader.Factory(
        required.fieldNames(),
        request.fromMicros(),
        request.toMicrosExclusive(),
        new AlbHadoopConf(spark.sessionState().newHadoopConf()));
  }
}
