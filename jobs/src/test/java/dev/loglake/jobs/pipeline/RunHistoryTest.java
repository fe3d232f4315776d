package dev.loglake.jobs.pipeline;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobOption;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.albstatus.AlbStatusJob;
import dev.loglake.jobs.core.EtlJob;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.core.JobRunner;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import dev.loglake.jobs.sql.SqlJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run history {@code processed/_job_runs}: every job run leaves one row keyed by (run_id, job),
 * STARTED while it runs, its outcome after, success or failure; a rerun of a run id replaces it.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class RunHistoryTest {

  static final LocalDate D1 = LocalDate.parse("2024-03-10");
  static final Clock CLOCK = Clock.fixed(D1.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:loglake-pipeline-glue:e-1";

  @TempDir Path dir;

  @Test
  void aFailingDatasetLeavesAFailedRowWithTheErrorAndItsRerunReplacesIt(SparkSession spark) throws Exception {
    PipelineLake lake = new PipelineLake(dir);
    lake.land(D1);

    PipelineLake.Run failed = lake.execute(new RawToProcessedJob(CLOCK), CLOCK, "r1", "--datasets", "web_events",
        "--loglake.jobs.raw-to-processed.fail-after", "data-commit", "--JOB_RUN_ID", "jr_1",
        "--loglake.run.execution-id", EXECUTION);

    assertThat(failed.code()).isEqualTo(1);
    Dataset<Row> runs = runs(spark);
    assertRows(runs.select("run_id", "job", "status", "error_class", "execution_id", "glue_job_run_id"),
        row("r1", "raw-to-processed", "FAILED", "dev.loglake.jobs.rawtoprocessed.DatasetsFailedException", EXECUTION,
            "jr_1"));
    assertThat(runs.first().<String>getAs("error"))
        .startsWith("raw-to-processed failed for dataset(s) [web_events]")
        .contains("fault injected after the data commit")
        .isEqualTo(failed.summary().get("error").asText());

    PipelineLake.Run rerun = lake.execute(new RawToProcessedJob(CLOCK), CLOCK, "r1", "--datasets", "web_events");

    assertThat(rerun.code()).as(rerun.err()).isZero();
    Dataset<Row> after = runs(spark);
    assertRows(after.select("run_id", "job", "status", "error_class", "error", "execution_id", "glue_job_run_id"),
        row("r1", "raw-to-processed", "SUCCEEDED", null, null, null, null));
    Map<String, String> figures = after.first().getJavaMap(after.first().fieldIndex("figures"));
    assertThat(new ObjectMapper().readTree(figures.get("datasets"))).isEqualTo(rerun.summary().get("datasets"));
    assertThat(rerun.summary().get("datasets").get("web_events").get("files").asLong()).isEqualTo(1);
    assertThat(after.first().<Double>getAs("duration_s"))
        .isEqualTo(rerun.summary().get("duration_s").asDouble());
  }

  @Test
  void pipelineAndAlbStatusRunsLeaveRowsThatSqlAnswers(SparkSession spark) throws Exception {
    PipelineLake lake = new PipelineLake(dir);
    lake.land(D1);

    PipelineLake.Run pipeline = lake.pipeline(D1, "p1", "--loglake.run.execution-id", EXECUTION);
    PipelineLake.Run albStatus = lake.execute(new AlbStatusJob(CLOCK), CLOCK, "a1", "--date", D1.toString());

    assertThat(pipeline.code()).as(pipeline.err()).isZero();
    assertThat(albStatus.code()).as(albStatus.err()).isZero();
    Dataset<Row> runs = runs(spark);
    assertRows(runs.select("run_id", "job", "status", "error", "execution_id"),
        row("a1", "alb-status", "SUCCEEDED", null, null),
        row("p1", "pipeline", "SUCCEEDED", null, EXECUTION));
    Row p1 = runs.where("job = 'pipeline'").first();
    Map<String, String> figures = p1.getJavaMap(p1.fieldIndex("figures"));
    assertThat(new ObjectMapper().readTree(figures.get("steps")))
        .isEqualTo(pipeline.summary().get("steps"));

    String printed = sql(lake, "SELECT job, status FROM processed._job_runs"
        + " WHERE started_at >= current_timestamp() - INTERVAL 30000 DAYS ORDER BY job");

    assertThat(printed).contains("alb-status").contains("pipeline").contains("(2 rows)");
    assertThat(runs(spark).count()).as("the sql command records no run of its own").isEqualTo(2);
  }

  @Test
  void aRunningJobHasItsStartedRowWithNoEnd(SparkSession spark) throws Exception {
    PipelineLake lake = new PipelineLake(dir);

    PipelineLake.Run run = lake.execute(new PeekJob(dir), CLOCK, "k1", "--loglake.run.execution-id", EXECUTION);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.summary().get("seen").asText()).isEqualTo("k1 peek STARTED ended_at=null " + EXECUTION);
    assertRows(runs(spark).select("run_id", "job", "status"), row("k1", "peek", "SUCCEEDED"));
  }

  @Test
  void aGeneratedRunIdsStartedRowIsAppendedAndAGivenOneReplacesTheEarlierAttempt(SparkSession spark) throws Exception {
    PipelineLake lake = new PipelineLake(dir);

    PipelineLake.Run first = lake.execute(new PeekJob(dir), CLOCK, null);
    PipelineLake.Run second = lake.execute(new PeekJob(dir), CLOCK, null);
    PipelineLake.Run given = lake.execute(new PeekJob(dir), CLOCK, "k1");
    PipelineLake.Run givenAgain = lake.execute(new PeekJob(dir), CLOCK, "k1");

    String id1 = first.summary().get("run_id").asText();
    String id2 = second.summary().get("run_id").asText();
    assertThat(id1).isNotEqualTo(id2);
    assertThat(first.summary().get("seen").asText()).isEqualTo(id1 + " peek STARTED ended_at=null null");
    assertThat(second.summary().get("seen").asText()).isEqualTo(id2 + " peek STARTED ended_at=null null");
    assertThat(givenAgain.summary().get("seen").asText()).isEqualTo("k1 peek STARTED ended_at=null null");
    assertThat(given.code() + givenAgain.code()).isZero();
    assertRows(runs(spark).select("run_id", "job", "status"),
        row(id1, "peek", "SUCCEEDED"), row(id2, "peek", "SUCCEEDED"), row("k1", "peek", "SUCCEEDED"));
    // The commits: a generated id's STARTED row is a plain append (no read of the table); the final
    // rows and a given id's STARTED rows replace their key's row.
    List<String> modes = new ArrayList<>();
    for (Row r : io.delta.tables.DeltaTable.forPath(spark, dir.resolve("processed/_job_runs").toString()).history()
        .orderBy("version").select("operationParameters.mode").collectAsList()) {
      modes.add(r.getString(0));
    }
    assertThat(modes).containsExactly("Append", "Overwrite", "Append", "Overwrite", "Overwrite", "Overwrite",
        "Overwrite", "Overwrite");
  }

  private Dataset<Row> runs(SparkSession spark) {
    return spark.read().format("delta").load(dir.resolve("processed/_job_runs").toString());
  }

  private String sql(PipelineLake lake, String query) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = JobRunner.execute(new SqlJob(print), new String[] {"--conf-dir", "../conf", "--loglake.lake.root",
        lake.root.toString(), "--query", query}, print, print, CLOCK);
    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A job that reads its own row of the run history while it runs, as a killed run would leave it. */
  static final class PeekJob implements EtlJob<EtlConfig> {
    private final Path lake;

    PeekJob(Path lake) {
      this.lake = lake;
    }

    @Override
    public String name() {
      return "peek";
    }

    @Override
    public String description() {
      return "reads its run history row";
    }

    @Override
    public List<JobOption> options() {
      return List.of();
    }

    @Override
    public EtlConfig config(EtlConfig config) {
      return config;
    }

    @Override
    public JobResult run(SparkSession spark, EtlConfig config) {
      Row r = spark.read().format("delta").load(lake.resolve("processed/_job_runs").toString())
          .where("run_id = '" + config.runId() + "'").first();
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("seen", r.getAs("run_id") + " " + r.getAs("job") + " " + r.getAs("status") + " ended_at="
          + r.getAs("ended_at") + " " + r.getAs("execution_id"));
      return JobResult.succeeded(config, CLOCK, figures);
    }
  }
}
