package dev.loglake.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import dev.loglake.jobs.rawtoprocessed.RawToProcessedJob;
import dev.loglake.jobs.sample.DatasetSummary;
import dev.loglake.jobs.sample.SampleDataGenerator;
import dev.loglake.jobs.sample.SampleDataOptions;
import dev.loglake.jobs.sample.SampleDataSummary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated day through raw-to-processed: every line the generator wrote is accounted for as a
 * written, quarantined or duplicate row, in the tables as in the summary.
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class SampleDayIngestionTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-11T06:00:00Z"), ZoneOffset.UTC);

  @TempDir Path lake;

  @Test
  void everyGeneratedLineIsWrittenQuarantinedOrCountedAsDuplicate(SparkSession spark) throws Exception {
    SampleDataSummary written =
        new SampleDataGenerator(FileSystem.getLocal(new Configuration()))
            .generate(new org.apache.hadoop.fs.Path(lake.resolve("raw").toString()),
                new SampleDataOptions(LocalDate.parse("2024-03-10"), 1, 11L, 0));
    RawToProcessedJob job = new RawToProcessedJob(CLOCK);
    String[] args = {"--conf-dir", Launcher.REPO.resolve("conf").toString(), "--loglake.lake.root", lake.toString(),
        "--from", "2024-03-10", "--to", "2024-03-11"};

    JobResult result = job.run(spark, job.config(EtlConfig.load(job.name(), JobArgs.parse(args, job.name(), job.options()), CLOCK)));

    for (DatasetSummary generated : written.datasets()) {
      Map<String, Object> f = figures(result, generated.dataset());
      long headers = generated.dataset().equals("transactions") ? generated.files() : 0;
      long read = (Long) f.get("rows_read");
      assertThat(f.get("files")).as(generated.dataset()).isEqualTo(generated.files());
      assertThat(read).as(generated.dataset()).isEqualTo(generated.lines() - headers);
      assertThat((Long) f.get("rows_written") + (Long) f.get("rows_quarantined") + (Long) f.get("rows_duplicate"))
          .as(generated.dataset()).isEqualTo(read);
      assertThat((Long) f.get("rows_quarantined")).as(generated.dataset()).isPositive();
      String table = generated.dataset().equals("alb_logs") ? "alb_requests" : generated.dataset();
      assertThat(delta(spark, "processed/" + table)).isEqualTo(f.get("rows_written"));
      assertThat(delta(spark, "processed/_quarantine/" + generated.dataset())).isEqualTo(f.get("rows_quarantined"));
    }
    assertThat(figures(result, "web_events").get("rows_duplicate")).isNotEqualTo(0L);
    assertThat(spark.read().format("delta").load(lake.resolve("processed/_ledger").toString())
        .where("status = 'committed'").count()).isEqualTo(written.totalFiles());
  }

  private long delta(SparkSession spark, String table) {
    return spark.read().format("delta").load(lake.resolve(table).toString()).count();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> figures(JobResult result, String dataset) {
    return (Map<String, Object>) ((Map<String, Object>) result.figures().get("datasets")).get(dataset);
  }
}
