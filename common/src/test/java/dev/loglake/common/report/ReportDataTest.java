package dev.loglake.common.report;

import static dev.loglake.common.report.ReportFixture.DAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.config.DateRange;
import dev.loglake.common.gold.AlbStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDataTest {

  private static final ApiDayStatus ROW =
      new ApiDayStatus(
          DAY,
          "pay, \"v2\"",
          3,
          0,
          2,
          0,
          0,
          1,
          0,
          1,
          0,
          1.0 / 3,
          1 - 1.0 / 3,
          0.0001,
          0.02,
          null,
          0.5,
          300,
          3000);

  @Test
  void csvHasTheDailyColumnsAndQuotesPerRfc4180() {
    StatusReport report = new StatusReport(DateRange.of(DAY), List.of(ROW), List.of(), 0.05, 5);

    String csv = new String(ReportData.csv(report), StandardCharsets.UTF_8);

    assertThat(csv)
        .isEqualTo(
            String.join(",", AlbStatus.DAILY_COLUMNS)
                + "\r\n"
                + "2024-05-01,\"pay, \"\"v2\"\"\",3,0,2,0,0,1,0,1,0,0.3333333333333333,"
                + "0.6666666666666667,0.0001,0.02,,0.5,300,3000\r\n");
  }

  @Test
  void csvQuotesLineBreaksAndEdgeSpaces() {
    assertThat(CsvFormat.record(Arrays.asList("a\nb", " x", "plain", null, 1e-7)))
        .isEqualTo("\"a\nb\",\" x\",plain,,0.0000001\r\n");
  }

  @Test
  void jsonHasFromToTotalsAndOneObjectPerDateAndApi() throws IOException {
    StatusReport report = ReportFixture.oneDay();

    JsonNode doc = new ObjectMapper().readTree(ReportData.json(report));

    assertThat(doc.fieldNames()).toIterable().containsExactly("from", "to", "totals", "apis");
    assertThat(doc.get("from").asText()).isEqualTo("2024-05-01");
    assertThat(doc.get("to").asText()).isEqualTo("2024-05-01");
    assertThat(doc.get("totals").get("requests").asLong()).isEqualTo(report.totals().requests());
    assertThat(doc.get("totals").get("status_5xx").asLong()).isEqualTo(31_067);
    assertThat(doc.get("apis")).hasSize(5);
    JsonNode first = doc.get("apis").get(0);
    assertThat(first.fieldNames()).toIterable().containsExactlyElementsOf(AlbStatus.DAILY_COLUMNS);
    assertThat(first.get("api").asText()).isEqualTo("(load balancer)");
    JsonNode silent = doc.get("apis").get(1);
    assertThat(silent.get("api").asText()).isEqualTo("billing");
    assertThat(silent.get("requests").asLong()).isZero();
    assertThat(silent.get("error_rate").isNull()).isTrue();
  }
}
