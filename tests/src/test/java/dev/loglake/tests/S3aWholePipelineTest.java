package dev.loglake.tests;

import static dev.loglake.common.testing.DatasetAssert.assertSameData;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.map_entries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.LocalS3;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.pipeline.PipelineJob;
import dev.loglake.jobs.sample.SampleDataGenerator;
import dev.loglake.jobs.sample.SampleDataOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code pipeline} on a generated sample day with {@code --env aws}: every zone is an
 * {@code s3://} bucket of conf/env/aws.conf, served by S3Mock through the real S3A connector (the
 * session maps {@code s3://} to S3A, as Glue 5.1 does). The same day through the same pipeline with
 * a local-folder lake must give the same step figures and the same curated tables, row for row; the
 * report lands in the report bucket as a readable PDF, reachable through its presigned link.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class S3aWholePipelineTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);
  static final String DAY = "2024-03-10";
  /** aws.conf's zone -> bucket (its --loglake.aws.<zone>-bucket argument). */
  static final Map<String, String> BUCKETS = new LinkedHashMap<>(Map.of(
      "raw", "loglake-raw", "processed", "loglake-processed", "curated", "loglake-curated",
      "quality", "loglake-quality", "report", "loglake-reports"));
  /**
   * Step figures that name a run, a time or a place, which the two lakes never share; and input_bytes
   * of steps that read Delta tables: each lake's Parquet files differ by a few bytes (input_files is
   * compared).
   */
  static final List<String> RUN_SPECIFIC = List.of("run_id", "started_at", "duration_s",
      "report_pdf", "report_csv", "report_json", "report_html", "report_link", "report_link_expires_at",
      "input_bytes");

  static LocalS3 s3;

  @BeforeAll
  static void s3(@TempDir Path root, SparkSession spark) {
    s3 = LocalS3.start(root, BUCKETS.values().toArray(String[]::new));
    s3.configureS3Scheme(spark.sparkContext().hadoopConfiguration());
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void wholePipelineOnS3GivesTheLocalFolderRunsCuratedTables(SparkSession spark, @TempDir Path local)
      throws Exception {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path raw = local.resolve("raw");
    new SampleDataGenerator(FileSystem.getLocal(hadoop))
        .generate(new org.apache.hadoop.fs.Path(raw.toString()), new SampleDataOptions(LocalDate.parse(DAY), 1, 7L, 1));
    joinAlbFilesPerFolder(raw.resolve("AWSLogs"));
    upload(hadoop, raw, "s3://" + BUCKETS.get("raw") + "/");

    JobResult onS3 = withTestCredentials(() -> pipeline(spark, awsArgs()));
    JobResult onDisk = pipeline(spark, "--loglake.lake.root", local.toString());

    assertThat(lake(onS3)).containsEntry("raw", "s3://loglake-raw").containsEntry("curated", "s3://loglake-curated")
        .containsEntry("reports", "s3://loglake-reports/alb-reports");
    assertThat(steps(onS3)).extracting(s -> s.get("job") + " " + s.get("status")).containsExactly(
        "raw-to-processed SUCCEEDED", "quality SUCCEEDED", "processed-to-curated SUCCEEDED", "quality-curated SUCCEEDED",
        "alb-status SUCCEEDED");
    assertThat(comparable(steps(onS3))).isEqualTo(comparable(steps(onDisk)));

    List<String> tables = curatedTables(hadoop, local.resolve("curated").toString());
    assertThat(tables).contains("alb_status_daily", "alb_status_hourly", "web_kpis_daily", "source_statistics");
    assertThat(curatedTables(hadoop, "s3://loglake-curated/")).isEqualTo(tables);
    for (String table : tables) {
      Dataset<Row> s3Table = spark.read().format("delta").load("s3://loglake-curated/" + table);
      Dataset<Row> diskTable = spark.read().format("delta").load(local.resolve("curated/" + table).toString());
      assertThat(diskTable.isEmpty()).as(table).isFalse();
      if (table.equals("pipeline_freshness")) {
        // Its times are the raw files' arrival (their write time in each lake) and each run's clock:
        // which files landed on which date is what both runs share.
        assertSameData(s3Table.select("date", "dataset", "files"), diskTable.select("date", "dataset", "files"));
      } else {
        assertSameData(comparable(s3Table), comparable(diskTable));
      }
    }
    assertThat(spark.read().format("delta").load("s3://loglake-curated/alb_status_daily")
        .where("date = DATE'" + DAY + "'").agg(org.apache.spark.sql.functions.sum("requests")).first().getLong(0))
        .isEqualTo(step(onS3, "alb-status").get("requests"));
    assertReportIsAReadablePdf(hadoop, step(onS3, "alb-status"));
    assertAthenaCanReadEveryTable(spark, hadoop, local);
  }

  /**
   * Athena engine 3 reads Delta tables up to reader protocol version 3 ("Delta Lake reader version",
   * https://docs.aws.amazon.com/athena/latest/ug/delta-lake-tables.html): every table the four jobs
   * wrote keeps the protocol of a plain Delta 3.3 table, reader 1 and writer 2, so no table feature
   * (deletion vectors, v2 checkpoints ...) can creep in unnoticed ("Delta protocol version is too new
   * for Athena DDL engine": delta-io/delta-rs#2938).
   */
  private static void assertAthenaCanReadEveryTable(SparkSession spark, Configuration hadoop, Path lake)
      throws IOException {
    Map<String, String> protocols = new TreeMap<>();
    for (String zone : List.of("processed", "curated", "quality")) {
      List<org.apache.hadoop.fs.Path> dirs = new ArrayList<>();
      FileSystem fs = FileSystem.getLocal(hadoop);
      for (FileStatus s : fs.listStatus(new org.apache.hadoop.fs.Path(lake.resolve(zone).toString()))) {
        if (s.getPath().getName().equals("_quarantine")) {
          Arrays.stream(fs.listStatus(s.getPath())).map(FileStatus::getPath).forEach(dirs::add);
        } else if (s.isDirectory()) {
          dirs.add(s.getPath());
        }
      }
      for (org.apache.hadoop.fs.Path dir : dirs) {
        if (io.delta.tables.DeltaTable.isDeltaTable(spark, dir.toString())) {
          Row detail = io.delta.tables.DeltaTable.forPath(spark, dir.toString()).detail().first();
          protocols.put(zone + "/" + lake.resolve(zone).relativize(Path.of(dir.toUri())),
              detail.getAs("minReaderVersion") + "/" + detail.getAs("minWriterVersion"));
        }
      }
    }
    assertThat(protocols).containsKeys("processed/alb_requests", "processed/web_events", "processed/_runs",
        "processed/_ledger", "curated/alb_status_daily", "curated/alb_status_hourly", "curated/web_kpis_daily",
        "curated/_runs", "quality/quality_results");
    assertThat(protocols).allSatisfy((table, protocol) -> assertThat(protocol).as(table).isEqualTo("1/2"));
  }

  private static String[] awsArgs() {
    List<String> args = new ArrayList<>(List.of("--env", "aws",
        // Delivery: a presigned link to the PDF, signed for the S3-compatible server.
        "--loglake.alb.delivery.enabled", "true", "--loglake.alb.delivery.s3-endpoint", s3.endpoint(),
        "--loglake.alb.delivery.s3-path-style", "true", "--loglake.alb.delivery.region", LocalS3.REGION));
    BUCKETS.forEach((zone, bucket) -> args.addAll(List.of("--loglake.aws." + zone + "-bucket", bucket)));
    return args.toArray(String[]::new);
  }

  private static JobResult pipeline(SparkSession spark, String... args) {
    PipelineJob job = new PipelineJob(CLOCK);
    List<String> all = new ArrayList<>(List.of("--conf-dir", Launcher.REPO.resolve("conf").toString(), "--date", DAY));
    all.addAll(Arrays.asList(args));
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(all.toArray(String[]::new), job.name(), job.options()), CLOCK);
    return job.run(spark, job.config(etl));
  }

  /**
   * Joins each day folder's ALB files (576 of about 3 KiB for the day) into its first one: gzip
   * members concatenate, so every line stays, damaged ones included. Hundreds of tiny objects
   * would spend minutes on per-object requests to the S3 server; the late-delivery folder of the
   * next day stays a folder of its own.
   */
  private static void joinAlbFilesPerFolder(Path root) throws IOException {
    Map<Path, List<Path>> byFolder;
    try (Stream<Path> walk = Files.walk(root)) {
      byFolder = walk.filter(p -> p.toString().endsWith(".log.gz")).sorted()
          .collect(Collectors.groupingBy(Path::getParent, TreeMap::new, Collectors.toList()));
    }
    for (List<Path> files : byFolder.values()) {
      try (OutputStream out = Files.newOutputStream(files.get(0), StandardOpenOption.APPEND)) {
        for (Path f : files.subList(1, files.size())) {
          Files.copy(f, out);
          Files.delete(f);
        }
      }
    }
  }

  /** Copies the generated raw zone's folders (AWSLogs/, events/) to the top of the raw bucket. */
  private static void upload(Configuration hadoop, Path raw, String bucket) throws IOException {
    FileSystem localFs = FileSystem.getLocal(hadoop);
    FileSystem s3Fs = FileSystem.get(URI.create(bucket), hadoop);
    for (FileStatus top : localFs.listStatus(new org.apache.hadoop.fs.Path(raw.toString()))) {
      FileUtil.copy(localFs, top.getPath(), s3Fs, new org.apache.hadoop.fs.Path(bucket), false, hadoop);
    }
  }

  /** The curated zone's tables (its folders but the system tables, such as _runs), sorted. */
  private static List<String> curatedTables(Configuration hadoop, String zone) throws IOException {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(zone);
    return Arrays.stream(root.getFileSystem(hadoop).listStatus(root))
        .filter(FileStatus::isDirectory).map(s -> s.getPath().getName()).filter(n -> !n.startsWith("_")).sorted().toList();
  }

  /**
   * The rows as two runs can share them: no run columns ({@code _...}), maps as sorted entries, and
   * doubles to 12 significant digits (a sum's last bits depend on the order tasks finish in).
   */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      Column c = col(f.name());
      if (f.dataType() instanceof MapType) {
        c = array_sort(map_entries(c));
      } else if (f.dataType() instanceof DoubleType || f.dataType() instanceof FloatType) {
        c = format_string("%.12g", c);
      }
      if (!f.name().startsWith("_")) {
        columns.add(c.as(f.name()));
      }
    }
    return table.select(columns.toArray(Column[]::new));
  }

  private static List<Map<String, Object>> comparable(List<Map<String, Object>> steps) {
    return steps.stream().map(s -> {
      Map<String, Object> kept = new LinkedHashMap<>(s);
      RUN_SPECIFIC.forEach(kept::remove);
      // quality's skipped tables name their lake path: compare which tables, not where.
      kept.computeIfPresent("skipped", (k, v) -> new java.util.TreeSet<>(((Map<?, ?>) v).keySet()));
      return kept;
    }).toList();
  }

  private static void assertReportIsAReadablePdf(Configuration hadoop, Map<String, Object> albStatus) throws Exception {
    String pdf = (String) albStatus.get("report_pdf");
    assertThat(pdf).isEqualTo("s3://loglake-reports/alb-reports/alb_api_status_report_" + DAY + ".pdf");
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(pdf);
    byte[] stored;
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      stored = in.readAllBytes();
    }
    try (PDDocument doc = Loader.loadPDF(stored)) {
      assertThat(doc.getNumberOfPages()).isPositive();
    }
    String link = (String) albStatus.get("report_link");
    assertThat(link).startsWith(s3.endpoint() + "/loglake-reports/alb-reports/alb_api_status_report_" + DAY + ".pdf?")
        .contains("X-Amz-Signature=");
    try (InputStream in = URI.create(link).toURL().openStream()) {
      assertThat(in.readAllBytes()).isEqualTo(stored);
    }
    // Long-lived keys (no expiry) sign it: the configured 7 days, from the signing time X-Amz-Date.
    assertThat(queryParameter(link, "X-Amz-Expires")).isEqualTo("604800");
    Instant signedAt = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
        .parse(queryParameter(link, "X-Amz-Date"), Instant::from);
    assertThat(albStatus.get("report_link_expires_at"))
        .isEqualTo(signedAt.plus(java.time.Duration.ofDays(7)).toString());
  }

  private static String queryParameter(String url, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]" + name + "=([^&]*)").matcher(url);
    assertThat(m.find()).as(name + " in " + url).isTrue();
    return m.group(1);
  }

  /** The SDK's default chain signs the presigned link: give it the test keys for the run. */
  private static <T> T withTestCredentials(java.util.function.Supplier<T> run) {
    System.setProperty("aws.accessKeyId", LocalS3.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", LocalS3.SECRET_KEY);
    try {
      return run.get();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(JobResult pipeline) {
    return (List<Map<String, Object>>) pipeline.figures().get("steps");
  }

  private static Map<String, Object> step(JobResult pipeline, String job) {
    return steps(pipeline).stream().filter(s -> job.equals(s.get("job"))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lake(JobResult pipeline) {
    return (Map<String, Object>) pipeline.figures().get("lake");
  }
}
