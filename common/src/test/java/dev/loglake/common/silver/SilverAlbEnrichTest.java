package dev.loglake.common.silver;

import static dev.loglake.common.testing.AlbRequests.arn;
import static dev.loglake.common.testing.AlbRequests.ts;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.alb.AlbApiMapping.ApiRule;
import dev.loglake.common.testing.DatasetAssert;
import dev.loglake.common.testing.Rows;
import dev.loglake.common.testing.SparkTestSession;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class SilverAlbEnrichTest {

  private static final StructType PARSED =
      Rows.schema("time TIMESTAMP, elb_status_code INT, target_status_code INT, target_group_arn STRING");

  private static final AlbApiMapping MAPPING =
      new AlbApiMapping(
          List.of(ApiRule.of("payments", "^payments-(blue|green)-tg$"), ApiRule.of("search", "^search")),
          false,
          0.05);

  private static Date date(String d) {
    return Date.valueOf(d);
  }

  @Test
  void addsTargetGroupApiStatusClassElbGeneratedDateAndHour(SparkSession spark) {
    Dataset<Row> parsed =
        Rows.of(
            spark,
            PARSED,
            row(ts("2024-05-01T00:00:00Z"), 200, 200, arn("payments-blue-tg")),
            row(ts("2024-05-01T23:59:59.999999Z"), 502, null, arn("payments-green-tg")),
            row(ts("2024-05-02T09:30:00Z"), 101, 101, arn("search-tg")),
            row(ts("2024-05-02T10:00:00Z"), 460, null, arn("orders-tg")),
            row(ts("2024-05-02T11:00:00Z"), 301, null, null),
            row(ts("2024-05-02T12:00:00Z"), 503, null, "not-an-arn"),
            row(ts("2024-05-02T13:00:00Z"), 999, 999, arn("x-tg")));

    Dataset<Row> enriched = SilverAlb.enrich(parsed, MAPPING);

    assertThat(enriched.columns())
        .containsExactly(
            "time", "elb_status_code", "target_status_code", "target_group_arn",
            "target_group_name", "api", "status_class", "elb_generated", "date", "hour");
    DatasetAssert.assertRows(
        enriched,
        row(ts("2024-05-01T00:00:00Z"), 200, 200, arn("payments-blue-tg"),
            "payments-blue-tg", "payments", "2xx", false, date("2024-05-01"), 0),
        row(ts("2024-05-01T23:59:59.999999Z"), 502, null, arn("payments-green-tg"),
            "payments-green-tg", "payments", "5xx", true, date("2024-05-01"), 23),
        row(ts("2024-05-02T09:30:00Z"), 101, 101, arn("search-tg"),
            "search-tg", "search", "1xx", false, date("2024-05-02"), 9),
        row(ts("2024-05-02T10:00:00Z"), 460, null, arn("orders-tg"),
            "orders-tg", "orders", "4xx", true, date("2024-05-02"), 10),
        row(ts("2024-05-02T11:00:00Z"), 301, null, null,
            null, AlbApiMapping.LOAD_BALANCER, "3xx", true, date("2024-05-02"), 11),
        row(ts("2024-05-02T12:00:00Z"), 503, null, "not-an-arn",
            "not-an-arn", "not-an-arn", "5xx", true, date("2024-05-02"), 12),
        row(ts("2024-05-02T13:00:00Z"), 999, 999, arn("x-tg"),
            "x-tg", "x", "9xx", false, date("2024-05-02"), 13));
  }

  @Test
  void dateAndHourAreUtcWhateverTheSessionTimeZone(SparkSession spark) {
    Dataset<Row> parsed =
        Rows.of(spark, PARSED, row(ts("2024-05-02T02:30:00Z"), 200, 200, arn("a-tg")));
    String zone = spark.conf().get("spark.sql.session.timeZone");
    spark.conf().set("spark.sql.session.timeZone", "America/New_York");
    try {
      List<Row> got = SilverAlb.enrich(parsed, MAPPING).select("date", "hour").collectAsList();
      assertThat(got).containsExactly(row(date("2024-05-02"), 2));
    } finally {
      spark.conf().set("spark.sql.session.timeZone", zone);
    }
  }

  @Test
  void sparkMappingAgreesWithJavaMapping(SparkSession spark) {
    AlbApiMapping onlyListed = new AlbApiMapping(MAPPING.rules(), true, 0.05);
    List<String> arns =
        java.util.Arrays.asList(
            arn("payments-blue-tg"), arn("payments-red-tg"), arn("search-x"), arn("orders"),
            arn("-tg"), "-", null, "");
    List<Row> rows = arns.stream().map(a -> row(ts("2024-05-01T00:00:00Z"), 200, 200, a)).toList();
    for (AlbApiMapping mapping : List.of(MAPPING, onlyListed)) {
      List<Row> expected = arns.stream().map(a -> row(a, mapping.apiOf(a))).toList();
      DatasetAssert.assertRows(
          SilverAlb.enrich(Rows.of(spark, PARSED, rows), mapping).select("target_group_arn", "api"),
          expected);
    }
  }
}
