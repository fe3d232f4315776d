package dev.loglake.common.spark;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;

/**
 * A batch computed once and read a few times in the same run (counted, written, quarantined),
 * kept as Spark's binary rows on the executors' local disk (lz4, see {@code spark.rdd.compress}).
 *
 * <p>Why not {@code Dataset.persist}: its in-memory columnar cache encodes every column and keeps
 * min/max statistics per batch; for a raw-to-processed ALB batch (48 columns, URLs and user agents)
 * building it cost more than parsing and conforming the lines. Serialized rows only copy bytes, and
 * on disk they never compete with the job for memory. The Dataset over the kept rows comes from
 * {@code SparkSession.internalCreateDataFrame} ({@code private[sql]} in Scala, public to Java;
 * what {@code Dataset.localCheckpoint} uses), so it has the batch's schema and no lineage to
 * recompute.
 */
public final class DiskRows implements AutoCloseable {

  private final RDD<InternalRow> rows;
  private final Dataset<Row> dataset;

  private DiskRows(RDD<InternalRow> rows, Dataset<Row> dataset) {
    this.rows = rows;
    this.dataset = dataset;
  }

  /** Marks {@code batch}'s rows to be kept when first computed (lazy, like persist). */
  public static DiskRows keep(Dataset<Row> batch) {
    SparkSession spark = batch.sparkSession();
    // Rows from a plan's iterator are reused buffers: copy each before it is stored.
    RDD<InternalRow> rows =
        batch
            .queryExecution()
            .toRdd()
            .toJavaRDD()
            .map(InternalRow::copy)
            .rdd()
            .persist(StorageLevel.DISK_ONLY());
    return new DiskRows(rows, spark.internalCreateDataFrame(rows, batch.schema(), false));
  }

  /** The kept rows, as a Dataset with the batch's schema. */
  public Dataset<Row> dataset() {
    return dataset;
  }

  /** Frees the disk blocks (without waiting). */
  @Override
  public void close() {
    rows.unpersist(false);
  }
}
