package dev.loglake.common.spark;

import dev.loglake.common.config.SparkSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place Spark and Delta settings live. Locally it builds a session from {@link
 * SparkSettings}; under spark-submit, Glue or EMR it reuses the master and session the platform set up
 * and only adds what is missing.
 */
public final class SparkSessions {

  private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

  /** Settings every loglake session has, unless the platform already set them. */
  public static final Map<String, String> BASE_SETTINGS =
      Map.of(
          "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
          "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
          "spark.sql.session.timeZone", "UTC",
          "spark.sql.sources.partitionOverwriteMode", "dynamic",
          "spark.sql.adaptive.enabled", "true",
          // Jobs cache a batch only to read it a few times in the same run: compressing the cached
          // columns (dictionary statistics per value) cost more than the reads it saved.
          "spark.sql.inMemoryColumnarStorage.compressed", "false",
          // Rows kept on disk for a few reads (DiskRows) are lz4-compressed: a third of the bytes.
          "spark.rdd.compress", "true",
          // Delta 3.3 rebuilds the table's whole state after every commit, to check the file list
          // it keeps in the commit's checksum, whenever the JVM's default time zone is not UTC (a
          // laptop's, usually; the session's is UTC above). The check is there for timestamps before
          // 1883 (Snapshot.allFilesInCrcVerificationForceEnabled in Delta's source). A pipeline run on
          // the demo's day with TZ=Europe/Berlin ran 47 more Spark jobs (16 s of job time) with it.
          "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled", "false",
          "spark.serializer", "org.apache.spark.serializer.KryoSerializer");

  /**
   * Added in local mode only: Delta's log store for local paths and a local file system that does
   * not fork processes (see {@link NoForkLocalFileSystem}).
   */
  public static final Map<String, String> LOCAL_SETTINGS =
      Map.of(
          "spark.hadoop.fs.file.impl", NoForkLocalFileSystem.class.getName(),
          // An instance cached before the session existed would bypass the impl above.
          "spark.hadoop.fs.file.impl.disable.cache", "true",
          "spark.hadoop.fs.AbstractFileSystem.file.impl", NoForkLocalFileSystem.Fs.class.getName(),
          "spark.delta.logStore.file.impl", "io.delta.storage.LocalLogStore",
          // Delta rebuilds a table's state (its files) with a shuffle into this many tasks, for every
          // new version a job reads; Delta's default, 50, is for clusters. In local mode the logs are
          // small and the 2 to 8 cores busy with the job: one task. The demo's pipeline, alternated
          // with 4: 75.1/67.8/58.9 -> 66.3/64.7/49.7 s whole process, 10% less CPU.
          "spark.databricks.delta.snapshotPartitions", "1");

  static final String CATALOG_IMPLEMENTATION = "spark.sql.catalogImplementation";
  static final String METASTORE_URL = "spark.hadoop.javax.jdo.option.ConnectionURL";

  private SparkSessions() {}

  /**
   * {@code conf}, ready for the builder: a Hive catalog is asked for only when Hive's classes are
   * on the classpath (else the in-memory catalog, with a warning), and an embedded Derby metastore
   * writes its {@code derby.log} next to its database instead of into the working directory.
   */
  static Map<String, String> catalogSettings(Map<String, String> conf) {
    if (!"hive".equals(conf.get(CATALOG_IMPLEMENTATION))) {
      return conf;
    }
    try {
      Class.forName("org.apache.hadoop.hive.conf.HiveConf", false, SparkSessions.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      LOG.warn("{}=hive but Hive is not on the classpath: tables are registered for this run only", CATALOG_IMPLEMENTATION);
      Map<String, String> out = new java.util.HashMap<>(conf);
      out.put(CATALOG_IMPLEMENTATION, "in-memory");
      return out;
    }
    String url = conf.getOrDefault(METASTORE_URL, "");
    java.util.regex.Matcher db = java.util.regex.Pattern.compile("^jdbc:derby:;databaseName=([^;]+)").matcher(url);
    if (db.find() && System.getProperty("derby.stream.error.file") == null) {
      java.io.File dir = new java.io.File(db.group(1)).getAbsoluteFile().getParentFile();
      if (dir.isDirectory() || dir.mkdirs()) {
        System.setProperty("derby.stream.error.file", new java.io.File(dir, "derby.log").getPath());
      }
    }
    return conf;
  }

  /** Gets the active session or builds one. Never call this from a transform. */
  public static SparkSession create(SparkSettings settings) {
    // SparkConf reads the spark.* system properties spark-submit and the platforms set.
    SparkConf platform = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    if (!platform.contains("spark.master")) {
      builder.master(settings.master());
    }
    String master = platform.get("spark.master", settings.master());
    if (master.startsWith("local")) {
      LOCAL_SETTINGS.forEach(
          (k, v) -> {
            if (!platform.contains(k)) {
              builder.config(k, v);
            }
          });
    }
    BASE_SETTINGS.forEach(
        (k, v) -> {
          if (!platform.contains(k)) {
            builder.config(k, v);
          }
        });
    catalogSettings(settings.conf()).forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    String ext = spark.conf().get("spark.sql.extensions", "");
    if (!ext.contains("DeltaSparkSessionExtension")) {
      LOG.warn(
          "spark.sql.extensions is '{}' without Delta's extension: on Glue pass --datalake-formats delta,"
              + " on EMR install the delta application",
          ext);
    }
    spark.conf().set("spark.sql.session.timeZone", "UTC");
    return spark;
  }
}
