package dev.loglake.common.testing;

import com.adobe.testing.s3mock.S3MockApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.S3AFileSystem;

/**
 * S3Mock (a local S3-compatible server) started in this JVM on a random port, and the S3A settings
 * that point Hadoop at it (platform facts §6.2).
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "test-key";
  public static final String SECRET_KEY = "test-secret";
  public static final String REGION = "us-east-1";

  private final S3MockApplication server;

  private LocalS3(S3MockApplication server) {
    this.server = server;
  }

  /** Starts a server that stores its objects under {@code root} and has {@code buckets}. */
  public static LocalS3 start(Path root, String... buckets) {
    // start() adds its defaults to the map: it must be mutable.
    Map<String, Object> props = new HashMap<>(Map.of(
        S3MockApplication.PROP_HTTP_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_HTTPS_PORT, S3MockApplication.RANDOM_PORT,
        S3MockApplication.PROP_INITIAL_BUCKETS, String.join(",", buckets),
        S3MockApplication.PROP_ROOT_DIRECTORY, root.toString(),
        S3MockApplication.PROP_SILENT, true));
    forgetClients();
    return new LocalS3(S3MockApplication.start(props));
  }

  /** The plain-HTTP endpoint, e.g. {@code http://127.0.0.1:34567}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getHttpPort();
  }

  /** Points {@code s3a://} at this server: path-style HTTP, static test credentials, no ETag checks. */
  public void configureS3a(Configuration c) {
    c.set("fs.s3a.endpoint", endpoint());
    c.set("fs.s3a.path.style.access", "true");
    c.set("fs.s3a.connection.ssl.enabled", "false");
    c.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    c.set("fs.s3a.access.key", ACCESS_KEY);
    c.set("fs.s3a.secret.key", SECRET_KEY);
    c.set("fs.s3a.endpoint.region", REGION);
    c.set("fs.s3a.change.detection.mode", "none");
    // Hadoop 3.4's default (Glue 5.1, EMR 7.8+): no marker clean-up requests after every write.
    c.set("fs.s3a.directory.marker.retention", "keep");
  }

  /**
   * Serves {@code s3://} paths (conf/env/aws.conf's zones) through S3A too, as Glue 5.1 does by
   * default (Glue 5.0 and EMR use EMRFS for them), so job code keeps its {@code s3://} names.
   */
  public void configureS3Scheme(Configuration c) {
    configureS3a(c);
    c.set("fs.s3.impl", S3AFileSystem.class.getName());
  }

  @Override
  public void close() {
    server.stop();
    forgetClients();
  }

  /**
   * Closes the JVM's cached file systems. S3A clients stay cached per bucket, as on a cluster: one
   * client per bucket, not a new one (with its own thread and connection pools) for every path
   * resolved. The JVM's tests share one session, so the cache is
   * emptied whenever a server starts or stops, and no test reaches another's server through a client
   * bound to it. Local paths are never cached (SparkSessions.LOCAL_SETTINGS).
   */
  private static void forgetClients() {
    try {
      org.apache.hadoop.fs.FileSystem.closeAll();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
