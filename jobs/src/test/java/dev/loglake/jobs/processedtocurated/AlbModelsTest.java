package dev.loglake.jobs.processedtocurated;

import static dev.loglake.common.testing.DatasetAssert.assertRows;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.dataset.DatasetCatalog;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * alb_requests_daily_summary and _hourly_metrics from alb_logs' measures: the bytes, and the three
 * processing times without ALB's -1 ("the load balancer can't dispatch the request to a target" or
 * the target did not answer:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html).
 */
@Tag("e2e")
@ExtendWith(SparkTestSession.class)
class AlbModelsTest {

  static final String DIR = "AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/03/10/";
  static final String FILE = "123456789012_elasticloadbalancing_us-east-1_app.lb.abc_20240310T1200Z_10.0.0.1_m.log";
  static final String TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-tg/6d0ecf831eec9f09";

  /** One request; {@code times} = request, target and response processing time. */
  static String line(String time, String times, int elb, String target, long received, long sent) {
    return "https 2024-03-10T" + time + "Z app/lb/abc 198.51.100.23:41234 10.0.1.1:80 " + times + " " + elb + " "
        + target + " " + received + " " + sent + " \"GET https://api.example.com:443/v1/orders HTTP/1.1\" \"ua\""
        + " ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 " + TG + " \"Root=1-" + time.replace(":", "") + "\" \"-\" \"-\" 1"
        + " 2024-03-10T" + time + "Z \"forward\" \"-\" \"-\" \"10.0.1.1:80\" \"" + target + "\" \"-\" \"-\" TID_1"
        + " \"-\" \"-\" \"-\"";
  }

  @TempDir Path dir;

  @Test
  void summarisesBytesAndProcessingTimesWithoutTheMinusOnesOfRequestsNoTargetAnswered(SparkSession spark)
      throws Exception {
    CuratedLake lake = new CuratedLake(dir);
    lake.raw(DIR + FILE, String.join("\n",
        line("10:00:01.000000", "0.5 0.25 0.125", 200, "200", 100, 1000),
        line("10:30:00.000000", "0.25 0.5 0.0", 200, "200", 300, 3000),
        // The client closed the connection before a target was reached: no time at all.
        line("11:00:00.000000", "-1 -1 -1", 460, "-", 50, 0),
        // The request was sent but the target did not answer: a request time only.
        line("11:10:00.000000", "0.125 -1 -1", 504, "-", 70, 500)));
    lake.rawToProcessed(spark, "--datasets", "alb_logs", "--from", "2024-03-10", "--to", "2024-03-10");

    Map<String, Object> figures = lake.run(spark, "--models", "alb_requests_daily_summary,alb_requests_hourly_metrics");

    assertThat(figures).containsEntry("models_built", 2L);
    Date day = Date.valueOf("2024-03-10");
    // date, records, distinct_keys, then sum and average of received_bytes, sent_bytes and the
    // request, target and response processing times.
    assertRows(lake.curated(spark, "alb_requests_daily_summary"),
        row(day, 4L, 4L, 520L, 130.0, 4500L, 1125.0, 0.875, 0.875 / 3, 0.75, 0.375, 0.125, 0.0625));
    assertRows(lake.curated(spark, "alb_requests_hourly_metrics"),
        row(day, 10, 2L, 2L, 400L, 200.0, 4000L, 2000.0, 0.75, 0.375, 0.75, 0.375, 0.125, 0.0625),
        row(day, 11, 2L, 2L, 120L, 60.0, 500L, 250.0, 0.125, 0.125, null, null, null, null));
    assertThat(lake.curated(spark, "alb_requests_daily_summary").columns()).containsExactly("date", "records",
        "distinct_keys", "received_bytes_sum", "received_bytes_avg", "sent_bytes_sum", "sent_bytes_avg",
        "request_processing_time_sum", "request_processing_time_avg", "target_processing_time_sum",
        "target_processing_time_avg", "response_processing_time_sum", "response_processing_time_avg");
  }

  @Test
  void aMeasureThatIsNotANumericColumnOfTheAlbParserOrAMalformedOneIsAConfigErrorNamingTheKey() throws Exception {
    assertThatThrownBy(() -> measures("[client_ip]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.alb_logs.measures: 'client_ip'")
        .hasMessageContaining("received_bytes");
    assertThatThrownBy(() -> measures("[{ column = sent_bytes, none = -1 }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.alb_logs.measures[0]")
        .hasMessageContaining("no-value = <number>");
    assertThatThrownBy(() -> measures("[{ column = target_processing_time, no-value = none }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.datasets.alb_logs.measures[0]");
    assertThat(measures("[sent_bytes, { column = target_processing_time, no-value = -1.5 }]")).containsExactly(
        new DatasetModels.Measure("sent_bytes", java.util.Optional.empty()),
        new DatasetModels.Measure("target_processing_time", java.util.Optional.of("-1.5")));
  }

  private List<DatasetModels.Measure> measures(String list) throws Exception {
    Path conf = java.nio.file.Files.writeString(dir.resolve("measures.conf"),
        "loglake.datasets.alb_logs.measures = " + list + "\n");
    List<String> args = List.of("--conf-dir", "../conf", "--config", conf.toString(), "--loglake.lake.root", dir.toString());
    EtlConfig etl = EtlConfig.load("probe", JobArgs.parse(args.toArray(String[]::new), "probe", List.of()),
        java.time.Clock.systemUTC());
    return DatasetModels.measures(DatasetCatalog.load(etl).get("alb_logs"));
  }
}
