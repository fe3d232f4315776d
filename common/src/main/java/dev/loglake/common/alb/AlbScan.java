package dev.loglake.common.alb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.StructType;

/**
 * Packs the listed files into input partitions the way Spark's {@code FilePartition} does for its
 * own file sources (a gzip file is never split), and prunes columns. Listing happens on the driver
 * when Spark plans the batch.
 */
final class AlbScan implements ScanBuilder, SupportsPushDownRequiredColumns, Scan, Batch {

  /**
   * Files read one after another by one task; rejects of files outside the date range are dropped
   * (their day reports them).
   */
  record FileGroup(List<AlbFileLister.InputFile> files) implements InputPartition {

    FileGroup {
      files = List.copyOf(files);
    }
  }

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
    return plan(SparkSession.active(), request).toArray(InputPartition[]::new);
  }

  /** Lists {@code request}'s files (on the driver) and packs them as the session's settings say. */
  static List<FileGroup> plan(SparkSession spark, AlbReadRequest request) {
    return plan(spark, AlbFileLister.list(spark.sparkContext().hadoopConfiguration(), request).files());
  }

  /** Packs already listed {@code files} as the session's settings say. */
  static List<FileGroup> plan(SparkSession spark, List<AlbFileLister.InputFile> files) {
    SQLConf conf = spark.sessionState().conf();
    int minPartitions =
        conf.filesMinPartitionNum().isDefined()
            ? (Integer) conf.filesMinPartitionNum().get()
            : spark.sparkContext().defaultParallelism();
    return pack(files, conf.filesMaxPartitionBytes(), conf.filesOpenCostInBytes(), minPartitions);
  }

  /**
   * Spark's {@code FilePartition.getFilePartitions} for unsplittable files: each file weighs its
   * (compressed) length plus {@code openCost}; the split size is {@code maxPartitionBytes}, lowered
   * to the total weight per {@code minPartitions} (but not below {@code openCost}) so that a small
   * input still gives every core a partition; files, largest first, fill a group until the next
   * one would overflow it.
   */
  static List<FileGroup> pack(
      List<AlbFileLister.InputFile> files,
      long maxPartitionBytes,
      long openCost,
      int minPartitions) {
    long total = 0;
    for (AlbFileLister.InputFile f : files) {
      total += f.length() + openCost;
    }
    long perCore = total / Math.max(1, minPartitions);
    long maxSplit = Math.min(maxPartitionBytes, Math.max(openCost, perCore));
    List<AlbFileLister.InputFile> bySize = new ArrayList<>(files);
    bySize.sort(
        Comparator.comparingLong(AlbFileLister.InputFile::length)
            .reversed()
            .thenComparing(AlbFileLister.InputFile::path));
    List<FileGroup> groups = new ArrayList<>();
    List<AlbFileLister.InputFile> current = new ArrayList<>();
    long size = 0;
    for (AlbFileLister.InputFile f : bySize) {
      if (!current.isEmpty() && size + f.length() > maxSplit) {
        groups.add(new FileGroup(current));
        current = new ArrayList<>();
        size = 0;
      }
      current.add(f);
      size += f.length() + openCost;
    }
    if (!current.isEmpty()) {
      groups.add(new FileGroup(current));
    }
    return groups;
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
