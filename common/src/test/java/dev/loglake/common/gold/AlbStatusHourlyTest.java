package dev.loglake.common.gold;

import static dev.loglake.common.gold.AlbStatusFixture.percentile;
import static dev.loglake.common.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.alb.AlbApiMapping;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.testing.DatasetAssert;
import dev.loglake.common.testing.SparkTestSession;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTestSession.class)
class AlbStatusHourlyTest {

  private static final Date MAY_1 = Date.valueOf("2024-05-01");

  @Test
  void countsRequests4xx5xxAndP99PerApiAndUtcHour(SparkSession spark) {
    Dataset<Row> hourly =
        AlbStatus.aggregate(
                AlbStatusFixture.parsed(spark),
                AlbStatusFixture.MAPPING,
                DateRange.of(LocalDate.parse("2024-05-01")))
            .hourly();

    assertThat(hourly.columns()).containsExactlyElementsOf(AlbStatus.HOURLY_COLUMNS);
    DatasetAssert.assertRows(
        hourly,
        row(MAY_1, 0, "payments", 1L, 0L, 0L, 0.010),
        row(MAY_1, 10, "payments", 2L, 0L, 1L, 0.020),
        row(MAY_1, 11, "payments", 1L, 1L, 0L, null),
        row(MAY_1, 23, "payments", 1L, 0L, 1L, 0.040),
        row(MAY_1, 12, "orders", 4L, 1L, 2L, percentile(0.99, 0.001, 0.005)),
        row(MAY_1, 13, AlbApiMapping.LOAD_BALANCER, 2L, 1L, 0L, null),
        row(MAY_1, 14, "search", 1L, 0L, 0L, 0.1));
  }
}
