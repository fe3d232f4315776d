package dev.loglake.common.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.loglake.common.gold.AlbStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The report's numbers as CSV and JSON files. */
public final class ReportData {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportData() {}

  /** The daily columns, one record per date and API, with a header record; UTF-8, CRLF. */
  public static byte[] csv(StatusReport report) {
    StringBuilder sb = new StringBuilder(CsvFormat.record(AlbStatus.DAILY_COLUMNS));
    for (ApiDayStatus day : report.daily()) {
      sb.append(CsvFormat.record(java.util.Arrays.asList(day.values())));
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code {"from", "to", "totals": {...}, "apis": [{the daily columns}...]}}. */
  public static byte[] json(StatusReport report) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("from", report.range().from().toString());
    doc.put("to", report.range().to().toString());
    doc.put("totals", totals(report.totals()));
    List<Map<String, Object>> apis = new ArrayList<>();
    for (ApiDayStatus day : report.daily()) {
      Map<String, Object> row = new LinkedHashMap<>();
      Object[] values = day.values();
      for (int i = 0; i < values.length; i++) {
        row.put(AlbStatus.DAILY_COLUMNS.get(i), values[i]);
      }
      apis.add(row);
    }
    doc.put("apis", apis);
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the JSON report of " + report.range(), e);
    }
  }

  private static Map<String, Object> totals(ApiTotals t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", t.requests());
    m.put("status_1xx", t.status1xx());
    m.put("status_2xx", t.status2xx());
    m.put("status_3xx", t.status3xx());
    m.put("status_4xx", t.status4xx());
    m.put("status_5xx", t.status5xx());
    m.put("target_5xx", t.target5xx());
    m.put("elb_5xx", t.elb5xx());
    m.put("client_closed_460", t.clientClosed460());
    m.put("error_rate", t.errorRate());
    m.put("availability", t.availability());
    m.put("received_bytes", t.receivedBytes());
    m.put("sent_bytes", t.sentBytes());
    return m;
  }
}
