package dev.loglake.common.alb;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows, rejects and file errors of one ALB read, all derived from the single {@code scan} of every
 * line.
 *
 * <ul>
 *   <li>{@code rows}: {@link AlbLogSchema#schemaWithLineage()} (type, time, elb, client_ip
 *       non-null), parsed lines whose {@code time} is in the requested range.
 *   <li>{@code rejects}: {@link AlbLogSchema#rejectSchema()}, one row per line that is not an ALB
 *       entry, with the reason.
 *   <li>{@code fileErrors}: {@code _source_file, _file_error}, one row per file that could not be
 *       read to its end. Rows and rejects of such a file are incomplete: discard them (see {@link
 *       AlbDataSource}).
 * </ul>
 *
 * <p>Each action on {@code rows}, {@code rejects} or {@code fileErrors} runs the scan, which parses
 * each line once and materializes only the selected columns. A job that consumes more than one
 * should call {@link #persist} first so the files are read and parsed once in total; it is not done
 * by default because a consumer of rows alone (the common case) would then pay for storing every
 * column.
 */
public record AlbReadResult(
    Dataset<Row> scan, Dataset<Row> rows, Dataset<Row> rejects, Dataset<Row> fileErrors) {

  /** Persists the shared scan so that rows, rejects and file errors are computed from one parse. */
  public AlbReadResult persist(StorageLevel level) {
    scan.persist(level);
    return this;
  }

  /** Releases what {@link #persist} kept. */
  public void unpersist() {
    scan.unpersist();
  }
}
