package dev.loglake.jobs.core;

import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * One batch job. {@link JobRunner} does the wiring every job shares (arguments, config, session,
 * summary line, exit code); a job only says what it is and does its work in {@link #run}.
 *
 * @param <C> the job's typed, validated config record
 */
public interface EtlJob<C> {

  /** The job's name on the command line, e.g. {@code raw-to-processed}. */
  String name();

  /** One line for {@code --help}. */
  String description();

  /** The job's own options; each maps to {@code loglake.jobs.<name>.<option>}. */
  List<JobOption> options();

  /**
   * Reads and validates the job's config record. Called before any Spark work, so a bad value stops
   * the job with exit code 2 and the key named.
   */
  C config(EtlConfig config);

  /** Does the work. Returns the result whose counts go into the SUMMARY line. */
  JobResult run(SparkSession spark, C config);

  /**
   * The zones whose tables the job writes. After such a job succeeds, {@link JobRunner} registers
   * those zones' Delta tables in the session catalog ({@code loglake.catalog}); a job's role may
   * write the catalog databases of its own zones only.
   */
  default Set<LakeCatalog.Zone> writesZones() {
    return Set.of();
  }

  /**
   * True when the job writes data to stdout (Graphviz dot, JSON lines, CSV) for another program to
   * read: {@link JobRunner} then prints the SUMMARY line on stderr, so stdout holds only the data.
   */
  default boolean stdoutIsData(C config) {
    return false;
  }

  /**
   * False when the run must leave the configured lake untouched (a health check in a temp lake):
   * {@link JobRunner} then writes no log file under {@code <lake>/_logs}.
   */
  default boolean logsToLake(C config) {
    return true;
  }

  /**
   * False for a command that only reads the lake ({@code sql}, {@code lineage}): {@link JobRunner}
   * then writes no row to the run history {@code processed._job_runs}. Every other run of a job that
   * writes to its configured lake gets one ({@link JobRunHistory}).
   */
  default boolean recordsRun(C config) {
    return logsToLake(config);
  }
}
