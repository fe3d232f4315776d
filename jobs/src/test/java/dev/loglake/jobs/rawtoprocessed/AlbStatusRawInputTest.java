package dev.loglake.jobs.rawtoprocessed;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static dev.loglake.jobs.rawtoprocessed.AlbIngestionTest.DAY_FILE;
import static dev.loglake.jobs.rawtoprocessed.AlbIngestionTest.DIR;
import static dev.loglake.jobs.rawtoprocessed.AlbIngestionTest.LATE_FILE;
import static dev.loglake.jobs.rawtoprocessed.AlbIngestionTest.NAME;
import static dev.loglake.jobs.rawtoprocessed.AlbIngestionTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.error.NoInputException;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * alb-status --source raw on any folder shape: the AWSLogs layout, a flat folder of downloaded
 * files, a single file; and a date without files fails instead of reporting an empty day.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class AlbStatusRawInputTest {

  /** Named for 2024-03-11 10:00: not read for 2024-03-10, though its line is of that day. */
  private static final String LATER_FILE =
      line("2024-03-10T12:00:00.000000Z", "10.0.1.1:80", "0.001 0.020 0.000", 200, "200", "orders-tg", "forward");

  private static final String DAY = String.format(NAME, "20240310T1005Z", "1");
  private static final String LATE = String.format(NAME, "20240311T0000Z", "2");
  private static final String LATER = String.format(NAME, "20240311T1000Z", "3");

  /** The hours of 2024-03-10 in DAY_FILE and LATE_FILE (the 23:59 request is in the next day's first file). */
  private static final List<Row> HOURS =
      List.of(row(10, "payments", 2L), row(10, "orders", 2L), row(10, "(load balancer)", 1L), row(23, "payments", 1L));

  @TempDir Path dir;

  private final AlbStatusJob job = new AlbStatusJob(TestLake.CLOCK);

  @Test
  void readsTheAwsLogsLayoutAFlatFolderAndASingleFileByTheDateInTheFileNames(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    long bytes = Files.size(lake.writeGzip(DIR + "2024/03/10/" + DAY, DAY_FILE))
        + Files.size(lake.writeGzip(DIR + "2024/03/11/" + LATE, LATE_FILE));
    lake.writeGzip(DIR + "2024/03/11/" + LATER, LATER_FILE);
    for (String name : List.of(DAY, LATE, LATER)) {
      Path from = Files.walk(lake.raw("AWSLogs")).filter(p -> p.endsWith(name)).findFirst().orElseThrow();
      Files.createDirectories(lake.raw("flat"));
      Files.copy(from, lake.raw("flat/" + name));
    }

    JobResult awsLogs = run(spark, lake, lake.raw("AWSLogs"));
    List<Row> awsLogsHours = hours(spark, lake);
    JobResult flat = run(spark, lake, lake.raw("flat"));
    List<Row> flatHours = hours(spark, lake);
    JobResult single = run(spark, lake, lake.raw("flat/" + DAY));

    assertRows(spark.createDataFrame(awsLogsHours, hourSchema(spark, lake)), HOURS);
    assertRows(spark.createDataFrame(flatHours, hourSchema(spark, lake)), HOURS);
    assertRows(lake.table(spark, "curated/alb_status_hourly").select("hour", "api", "requests"),
        row(10, "payments", 2L), row(10, "orders", 2L), row(10, "(load balancer)", 1L));
    for (JobResult r : List.of(awsLogs, flat)) {
      assertThat(r.figures()).containsEntry("requests", 6L).containsEntry("input_files", 2L).containsEntry("input_bytes", bytes);
    }
    assertThat(single.figures()).containsEntry("requests", 5L).containsEntry("input_files", 1L)
        .containsEntry("input_bytes", Files.size(lake.raw("flat/" + DAY)));
  }

  @Test
  void aDateWithoutFilesExitsOneNamingThePathTheRangeAndTheDatesSeen() throws Exception {
    TestLake lake = new TestLake(dir);
    lake.writeGzip("flat/" + DAY, DAY_FILE);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = JobRunner.execute(job,
        new String[] {"--conf-dir", "../conf", "--loglake.lake.root", dir.toString(), "--date", "2024-03-12",
            "--source", "raw", "--input", lake.raw("flat").toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        TestLake.CLOCK);

    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ERROR [alb-status] No ALB log files for 2024-03-12 under "
        + lake.raw("flat")
        + " (found 1 file dated 2024-03-10; use --date 2024-03-10). Check the path and the dates, or pass"
        + " --allow-empty if the range really had no data.");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"status\":\"FAILED\"");
  }

  @Test
  void theAwsLogsLayoutWithoutTheDateNamesItsDateFolders(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    lake.writeGzip(DIR + "2024/03/10/" + DAY, DAY_FILE);
    lake.writeGzip(DIR + "2024/03/11/" + LATER, LATER_FILE);

    assertThatThrownBy(() -> job.run(spark, lake.config(job, "--date", "2024-03-20", "--source", "raw",
            "--input", lake.raw("AWSLogs").toString())))
        .isInstanceOf(NoInputException.class)
        .hasMessageContaining("No ALB log files for 2024-03-20 under ")
        .hasMessageContaining("(found date folders for 2024-03-10, 2024-03-11; use --from 2024-03-10 --to 2024-03-11)");
  }

  @Test
  void allowEmptyReportsAnEmptyDay(SparkSession spark) throws Exception {
    TestLake lake = new TestLake(dir);
    lake.writeGzip("flat/" + DAY, DAY_FILE);

    JobResult result = job.run(spark, lake.config(job, "--date", "2024-03-12", "--source", "raw",
        "--input", lake.raw("flat").toString(), "--allow-empty", "--loglake.alb.report.enabled", "false"));

    assertThat(result.status()).isEqualTo(JobResult.Status.SUCCEEDED);
    assertThat(result.figures()).containsEntry("requests", 0L).containsEntry("input_files", 0L)
        .containsEntry("input_bytes", 0L);
    assertRows(lake.table(spark, "curated/alb_status_hourly"));
  }

  @Test
  void rawToProcessedWithNothingInTheWindowNamesTheDateFoldersOutsideItAndHowToReadThem(SparkSession spark)
      throws Exception {
    TestLake lake = new TestLake(dir);
    long bytes = Files.size(lake.writeGzip(DIR + "2024/03/01/" + String.format(NAME, "20240301T1005Z", "1"), DAY_FILE));
    RawToProcessedJob ingest = new RawToProcessedJob(TestLake.CLOCK);

    JobResult nothing = ingest.run(spark, lake.config(ingest, "--datasets", "alb_logs"));
    JobResult day = ingest.run(spark, lake.config(ingest, "--datasets", "alb_logs", "--date", "2024-03-01"));

    java.util.Map<?, ?> alb = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) nothing.figures().get("datasets")).get("alb_logs");
    assertThat(alb.get("status")).isEqualTo("NO_NEW_FILES");
    assertThat((String) alb.get("hint")).startsWith("1 date folder under ").endsWith(
        " lie outside the 3-day lookback window 2024-03-09..2024-03-11 (2024-03-01); to read them use --date 2024-03-01");
    assertThat(nothing.figures()).containsEntry("input_files", 0L).containsEntry("input_bytes", 0L);
    assertThat(day.figures()).containsEntry("input_files", 1L).containsEntry("input_bytes", bytes);
  }

  private JobResult run(SparkSession spark, TestLake lake, Path input) {
    return job.run(spark, lake.config(job, "--date", "2024-03-10", "--source", "raw", "--input", input.toString(),
        "--loglake.alb.report.enabled", "false"));
  }

  private static List<Row> hours(SparkSession spark, TestLake lake) {
    return lake.table(spark, "curated/alb_status_hourly").select("hour", "api", "requests").collectAsList();
  }

  private static org.apache.spark.sql.types.StructType hourSchema(SparkSession spark, TestLake lake) {
    return lake.table(spark, "curated/alb_status_hourly").select("hour", "api", "requests").schema();
  }
}
