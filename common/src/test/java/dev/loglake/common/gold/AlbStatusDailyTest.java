package dev.loglake.common.gold;

import static dev.loglake.common.gold.AlbStatusFixture.MAPPING;
import static dev.loglake.common.gold.AlbStatusFixture.percentile;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.testing.DatasetAssert;
import dev.loglake.common.testing.SparkTestSession;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class AlbStatusDailyTest {

  private static final Date MAY_1 = Date.valueOf("2024-05-01");
  private static final Date APR_30 = Date.valueOf("2024-04-30");

  /** The expected 2024-05-01 rows, every column. */
  private static List<Row> may1() {
    return List.of(
        // 5 requests: 2 ok, ELB 502, target 500, 460; latencies 0.010 0.020 0.040 (the -1s excluded)
        row(MAY_1, "payments", 5L, 0L, 2L, 0L, 1L, 2L, 1L, 1L, 1L, 2.0 / 5, 1 - 2.0 / 5,
            0.020, percentile(0.9, 0.010, 0.020, 0.040), percentile(0.99, 0.010, 0.020, 0.040),
            0.040, 1050L, 3500L),
        // ELB 503 + 504 are elb_5xx, not target_5xx; latencies 0.001 0.005
        row(MAY_1, "orders", 4L, 1L, 0L, 0L, 1L, 2L, 0L, 2L, 0L, 0.5, 0.5,
            percentile(0.5, 0.001, 0.005), percentile(0.9, 0.001, 0.005),
            percentile(0.99, 0.001, 0.005), 0.005, 40L, 80L),
        // redirect + rejected request: no latency sample at all
        row(MAY_1, AlbApiMapping.LOAD_BALANCER, 2L, 0L, 0L, 1L, 1L, 0L, 0L, 0L, 0L, 0.0, 1.0,
            null, null, null, null, 11L, 15L),
        row(MAY_1, "search", 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0.0, 1.0,
            0.1, 0.1, 0.1, 0.1, 1L, 2L),
        zeroTraffic(MAY_1, "billing"));
  }

  private static Row zeroTraffic(Date date, String api) {
    return row(date, api, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, null, null,
        null, null, null, null, 0L, 0L);
  }

  @Test
  void aggregatesEveryColumnPerApiForOneDay(SparkSession spark) {
    Dataset<Row> daily =
        AlbStatus.aggregate(
                AlbStatusFixture.parsed(spark), MAPPING, DateRange.of(LocalDate.parse("2024-05-01")))
            .daily();

    assertThat(daily.columns()).containsExactlyElementsOf(AlbStatus.DAILY_COLUMNS);
    DatasetAssert.assertRows(daily, may1());
  }

  @Test
  void everyListedApiHasARowForEveryDateOfTheRange(SparkSession spark) {
    Dataset<Row> daily =
        AlbStatus.aggregate(
                AlbStatusFixture.parsed(spark),
                MAPPING,
                new DateRange(LocalDate.parse("2024-04-30"), LocalDate.parse("2024-05-01")))
            .daily();

    List<Row> expected = new ArrayList<>(may1());
    expected.add(row(APR_30, "payments", 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0.0, 1.0,
        0.5, 0.5, 0.5, 0.5, 1L, 1L));
    expected.add(zeroTraffic(APR_30, "search"));
    expected.add(zeroTraffic(APR_30, "billing"));
    DatasetAssert.assertRows(daily, expected);
  }

  @Test
  void onlyListedApisFoldsUnlistedTargetGroupsIntoOther(SparkSession spark) {
    AlbApiMapping onlyListed = new AlbApiMapping(MAPPING.rules(), true, 0.05);
    List<Row> got =
        AlbStatus.aggregate(
                AlbStatusFixture.parsed(spark), onlyListed, DateRange.of(LocalDate.parse("2024-05-01")))
            .daily()
            .select("api", "requests")
            .collectAsList();

    assertThat(got)
        .containsExactlyInAnyOrder(
            row("payments", 5L), row(AlbApiMapping.OTHER, 4L), row(AlbApiMapping.LOAD_BALANCER, 2L),
            row("search", 1L), row("billing", 0L));
  }
}
