package dev.loglake.common.alb;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The files of an {@link AlbReadRequest}, packed into input partitions exactly like the Spark
 * reader's scan, for computations that fold parsed lines into small results without building a
 * row per line (the ALB status aggregation). Made by {@link AlbLogReader#lines}; lazy: files are
 * listed when {@link #inputs} or {@link #mapPartitions} is first called and read when its RDD is computed.
 */
public final class AlbLineSource {

  /**
   * Runs on an executor over one partition's {@link AlbParsedLines}; returns its whole result (the
   * lines are closed after it returns).
   */
  @FunctionalInterface
  public interface PartitionFunction<T> extends Serializable {
    List<T> apply(AlbParsedLines lines) throws Exception;
  }

  private final SparkSession spark;
  private final AlbReadRequest request;
  private AlbFileLister.Listing listing;

  AlbLineSource(SparkSession spark, AlbReadRequest request) {
    this.spark = spark;
    this.request = request;
  }

  public SparkSession sparkSession() {
    return spark;
  }

  /** Lists the files (once; {@link #mapPartitions} reads the same list) and says what was found. */
  public AlbInputs inputs() {
    return AlbInputs.of(request, listing());
  }

  private AlbFileLister.Listing listing() {
    if (listing == null) {
      listing = AlbFileLister.list(spark.sparkContext().hadoopConfiguration(), request);
    }
    return listing;
  }

  /** One task per input partition, each applying {@code f} to its files' parsed lines. */
  public <T> JavaRDD<T> mapPartitions(PartitionFunction<T> f) {
    List<AlbScan.FileGroup> groups = AlbScan.plan(spark, listing().files());
    AlbHadoopConf conf = new AlbHadoopConf(spark.sessionState().newHadoopConf());
    long from = request.fromMicros();
    long to = request.toMicrosExclusive();
    // The groups travel in the closure (Java-serialized once per stage with the task binary); the
    // RDD's elements are only their indexes.
    List<Integer> indexes = java.util.stream.IntStream.range(0, groups.size()).boxed().toList();
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(indexes, Math.max(1, groups.size()))
        .mapPartitions(
            it -> {
              if (!it.hasNext()) {
                return List.<T>of().iterator();
              }
              List<AlbFileLister.InputFile> files = groups.get(it.next()).files();
              try (AlbParsedLines lines = new AlbParsedLines(files, conf.get(), from, to)) {
                return f.apply(lines).iterator();
              }
            });
  }
}
