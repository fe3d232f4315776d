package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.io.RawFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** ALB access logs as bronze rows. */
final class AlbBronze {

  private AlbBronze() {}

  static Dataset<Row> read(SparkSession spark, List<RawFile> files) {
    throw new UnsupportedOperationException("format alb: the ALB reader is not wired yet");
  }
}
