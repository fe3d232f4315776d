package dev.loglake.common.spark;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;

/**
 * Spark's code generation only for inputs big enough to pay for it.
 *
 * <p>Spark compiles a query's operators into one Java class per stage (whole-stage codegen) and its
 * expressions into more classes (projections, predicates): the driver writes the source, Janino
 * compiles it, and every task receives it and generates its own projections again. On a small input
 * that is most of a query's time. In a profile of three pipeline runs on a few rows per dataset (JFR,
 * {@code PipelineGateTest}), code generation and compilation took 41% of the driver threads'
 * samples and 58% of the executor threads'. Spark also interprets every operator and expression
 * ({@code spark.sql.codegen.wholeStage=false}, and {@code spark.sql.codegen.factoryMode=NO_CODEGEN},
 * which Spark 3.5 honours outside its tests too): slower per row, so only for small inputs. On 1.49
 * M ALB rows raw-to-processed took 20% longer without whole-stage codegen.
 *
 * <p>So a job runs interpreted ({@link #forJob}), and the parts of it that read a known input of
 * {@value #MIN_BYTES_KEY} or more (default {@value #DEFAULT_MIN_BYTES}) run with code generation
 * ({@link #run}): a raw-to-processed batch, a curated model, a quality run, an alb-status run, a
 * compaction. 0 keeps code generation for everything, and so does a session where the user or the
 * platform set either Spark setting. The settings are the session's: a caller that runs work on
 * several threads gives each thread its own session ({@code SparkSession.cloneSession}); each
 * call gives the session its settings back.
 */
public final class SmallInputCodegen {

  /** The input size from which code generation is on (a size such as 64m; 0: always on). */
  public static final String MIN_BYTES_KEY = "spark.loglake.codegen.wholeStage.minInputBytes";

  static final String DEFAULT_MIN_BYTES = "64m";
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  private SmallInputCodegen() {}

  /** Runs a job's {@code work} interpreted; the parts of it with a big input turn code generation on ({@link #run}). */
  public static <T> T forJob(SparkSession spark, Supplier<T> work) {
    return run(spark, 0, work);
  }

  /**
   * Runs {@code work} on {@code spark} interpreted when {@code inputBytes} is under the session's
   * {@value #MIN_BYTES_KEY}, with code generation otherwise (Spark's defaults).
   */
  public static <T> T run(SparkSession spark, long inputBytes, Supplier<T> work) {
    if (!managed(spark)) {
      return work.get();
    }
    boolean small = small(spark, inputBytes);
    RuntimeConfig conf = spark.conf();
    Optional<String> wholeStage = setting(conf, WHOLE_STAGE);
    Optional<String> factoryMode = setting(conf, FACTORY_MODE);
    conf.set(WHOLE_STAGE, small ? "false" : "true");
    conf.set(FACTORY_MODE, small ? "NO_CODEGEN" : "FALLBACK");
    try {
      return work.get();
    } finally {
      restore(conf, WHOLE_STAGE, wholeStage);
      restore(conf, FACTORY_MODE, factoryMode);
    }
  }

  /** Whether {@code inputBytes} is under the session's threshold. */
  public static boolean small(SparkSession spark, long inputBytes) {
    return inputBytes < minBytes(spark.conf().get(MIN_BYTES_KEY, DEFAULT_MIN_BYTES));
  }

  /** {@value #MIN_BYTES_KEY}'s value in bytes; a value that is no size is a bad value naming the key. */
  public static long minBytes(String value) {
    try {
      return JavaUtils.byteStringAsBytes(value.strip());
    } catch (NumberFormatException e) {
      throw dev.loglake.common.error.EtlErrors.badValue(
          "loglake.spark.conf.\"" + MIN_BYTES_KEY + "\"", value, "a size such as 64m, or 0 to keep code generation");
    }
  }

  /** Code generation is loglake's to choose: the threshold is not 0 and nobody set Spark's settings. */
  private static boolean managed(SparkSession spark) {
    org.apache.spark.SparkConf platform = spark.sparkContext().getConf();
    return !platform.contains(WHOLE_STAGE) && !platform.contains(FACTORY_MODE)
        && minBytes(spark.conf().get(MIN_BYTES_KEY, DEFAULT_MIN_BYTES)) > 0;
  }

  /** The session's own value of {@code key}; empty when it has Spark's default. */
  private static Optional<String> setting(RuntimeConfig conf, String key) {
    return conf.contains(key) ? Optional.of(conf.get(key)) : Optional.empty();
  }

  private static void restore(RuntimeConfig conf, String key, Optional<String> before) {
    if (before.isPresent()) {
      conf.set(key, before.get());
    } else {
      conf.unset(key);
    }
  }
}
