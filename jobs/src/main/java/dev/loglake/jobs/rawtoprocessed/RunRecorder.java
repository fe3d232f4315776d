package dev.loglake.jobs.rawtoprocessed;

import dev.loglake.common.io.RunLog;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/** Appends a dataset's outcome to the processed zone's {@code _runs} table. */
final class RunRecorder {

  private RunRecorder() {}

  static void record(SparkSession spark, RawToProcessedConfig config, DatasetOutcome o, Instant start, Instant end) {
    RunLog.append(spark, config.etl().zones().processed(),
        new RunLog.Entry(config.etl().runId(), "raw-to-processed", o.dataset(), o.status(), o.files(),
            o.filesFailed(), o.rowsRead(), o.rowsWritten(), o.rowsQuarantined(), o.rowsDuplicate(),
            o.quarantineReasons(), o.partitions(), start, end, o.error()));
  }
}
