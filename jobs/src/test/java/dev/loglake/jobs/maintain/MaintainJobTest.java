package dev.loglake.jobs.maintain;

import static dev.loglake.common.testing.DatasetAssert.assertSameData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.testing.SparkTestSession;
import dev.loglake.jobs.core.JobResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class MaintainJobTest {

  private static final StructType SCHEMA = new StructType()
      .add("request_id", DataTypes.StringType, false)
      .add("api", DataTypes.StringType, false)
      .add("bytes", DataTypes.LongType, false)
      .add("date", DataTypes.StringType, false);

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @TempDir Path root;

  @Test
  void compactsExpiresKeepsTimeTravelAndDoesNothingTheSecondTime(SparkSession spark) {
    String albRequests = root.resolve("processed/alb_requests").toString();
    String kpis = root.resolve("curated/web_kpis_daily").toString();
    LocalDate busy = TODAY.minusDays(1);
    LocalDate kept = TODAY.minusDays(729);
    LocalDate expired = TODAY.minusDays(731);
    // One commit per partition, and 100 tiny files in the busy one, as 5-minute deliveries leave them.
    write(spark, albRequests, rows(busy, 300), 100);
    write(spark, albRequests, rows(kept, 3), 1);
    write(spark, albRequests, rows(expired, 3), 1);
    write(spark, albRequests, rows(TODAY.minusDays(900), 2), 1);
    write(spark, kpis, rows(TODAY.minusDays(2554), 2), 1);
    write(spark, kpis, rows(TODAY.minusDays(2556), 2), 1);
    Dataset<Row> version0 = spark.read().format("delta").option("versionAsOf", 0).load(albRequests);
    List<Row> busyRows = spark.read().format("delta").load(albRequests).where("date = '" + busy + "'").collectAsList();
    assertThat(files(spark, albRequests, busy)).isEqualTo(100);

    JobResult first = run(spark);

    Dataset<Row> now = spark.read().format("delta").load(albRequests);
    // Compacted: far fewer files, the same rows.
    assertThat(files(spark, albRequests, busy)).isEqualTo(1);
    assertSameData(now.where("date = '" + busy + "'"), spark.createDataFrame(busyRows, SCHEMA));
    // Retention (processed 730 days, curated 2555 from conf/application.conf) deleted exactly the old partitions.
    assertThat(now.select("date").distinct().collectAsList())
        .containsExactlyInAnyOrder(RowFactory.create(busy.toString()), RowFactory.create(kept.toString()));
    assertThat(spark.read().format("delta").load(kpis).select("date").distinct().collectAsList())
        .containsExactly(RowFactory.create(TODAY.minusDays(2554).toString()));
    // VACUUM kept what the time-travel window needs: version 0's files are still there.
    assertSameData(spark.read().format("delta").option("versionAsOf", 0).load(albRequests),
        spark.createDataFrame(version0.collectAsList(), SCHEMA));
    assertThat(DeltaLog.forTable(spark, albRequests).update(false, scala.Option.empty(), scala.Option.empty())
        .metadata().configuration().get(TableMaintainer.LOG_RETENTION).get()).isEqualTo("interval 30 days");
    @SuppressWarnings("unchecked")
    Map<String, Object> report = (Map<String, Object>) ((Map<String, Object>) first.figures().get("tables")).get("processed.alb_requests");
    assertThat(report).containsEntry("files_before", 103L).containsEntry("files_after", 2L)
        .containsEntry("partitions_compacted", 1).containsEntry("partitions_expired", 2L).containsEntry("files_vacuumed", 0L);

    Map<String, Long> versions = versions(spark);
    long runRows = spark.read().format("delta").load(root.resolve("processed/_runs").toString()).count();
    JobResult second = run(spark);

    assertThat(versions(spark)).isEqualTo(versions);
    assertThat(second.figures()).containsEntry("tables_changed", 0L);
    System.out.println("maintain with nothing to do: slowest table " + second.figures().get("slowest_unchanged_table_ms")
        + " ms, whole run " + second.duration().toMillis() + " ms for " + second.figures().get("tables_maintained") + " tables");
    assertThat(spark.read().format("delta").load(root.resolve("processed/_runs").toString())
        .where("job = 'maintain'").count()).isEqualTo(2L).isEqualTo(runRows + 1);
  }

  private JobResult run(SparkSession spark) {
    MaintainJob job = new MaintainJob();
    List<String> args = List.of("--conf-dir", "../conf", "--loglake.lake.root", root.toString(),
        "--loglake.catalog.register", "false");
    EtlConfig etl = EtlConfig.load(job.name(), JobArgs.parse(args.toArray(String[]::new), job.name(), job.options()),
        Clock.systemUTC());
    return job.run(spark, job.config(etl));
  }

  /** The version of every table but processed/_runs, which gets each run's row. */
  private Map<String, Long> versions(SparkSession spark) {
    Map<String, Long> out = new TreeMap<>();
    for (String t : List.of("processed/alb_requests", "curated/web_kpis_daily")) {
      out.put(t, DeltaLog.forTable(spark, root.resolve(t).toString())
          .update(false, scala.Option.empty(), scala.Option.empty()).version());
    }
    return out;
  }

  private static long files(SparkSession spark, String path, LocalDate date) {
    return TableSnapshot.read(spark, path).byPartition().get(date.toString()).size();
  }

  private static List<Row> rows(LocalDate date, int n) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(RowFactory.create(date + "-" + i, "api-" + (i % 3), (long) i, date.toString()));
    }
    return out;
  }

  private static void write(SparkSession spark, String path, List<Row> rows, int files) {
    spark.createDataFrame(rows, SCHEMA).repartition(files).write().format("delta").mode("append")
        .partitionBy("date").save(path);
  }
}
