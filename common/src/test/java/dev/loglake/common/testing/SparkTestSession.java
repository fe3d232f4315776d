package dev.loglake.common.testing;

import dev.loglake.common.spark.SparkSessions;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code local[2]} SparkSession per test JVM: UI off, 2 shuffle partitions, UTC, loopback
 * driver, Delta enabled. Use {@code @ExtendWith(SparkTestSession.class)} and take a {@code
 * SparkSession} parameter in a test or lifecycle method. The session is stopped when the JVM exits.
 */
public final class SparkTestSession implements ParameterResolver {

  private static final String OVERRIDE = "loglake.test.spark.";
  private static SparkSession session;

  /** The shared session, created on first use. */
  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder builder =
          SparkSession.builder()
              .master("local[2]")
              .appName("loglake-tests")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.warehouse.dir", warehouseDir())
              .config("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
      SparkSessions.BASE_SETTINGS.forEach(builder::config);
      SparkSessions.LOCAL_SETTINGS.forEach(builder::config);
      // -Dloglake.test.spark.<key>=<value> (in -Dtest.jvm.flags) sets <key> for this JVM's session.
      System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(OVERRIDE))
          .forEach(k -> builder.config(k.substring(OVERRIDE.length()), System.getProperty(k)));
      session = builder.getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext pc, ExtensionContext ec) {
    return pc.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext pc, ExtensionContext ec) {
    return get();
  }

  private static String warehouseDir() {
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("loglake-warehouse");
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
