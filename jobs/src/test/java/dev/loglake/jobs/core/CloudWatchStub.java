package dev.loglake.jobs.core;

import dev.loglake.common.testing.QueryProtocolStub;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A local endpoint standing in for CloudWatch: records what the real SDK (2.29.52: the query
 * protocol, a form-encoded POST) sends, and answers PutMetricData, or AccessDenied when told to fail.
 */
public final class CloudWatchStub extends QueryProtocolStub {

  /** One recorded datum: {@code MetricData.member.N.*} of a request. */
  public record Datum(String name, double value, String unit, Map<String, String> dimensions, String timestamp) {}

  public CloudWatchStub() throws IOException {
    super(PUT, DENIED);
  }

  /** Every datum of every PutMetricData request so far, in order. */
  public List<Datum> data() {
    List<Datum> out = new ArrayList<>();
    for (Map<String, String> form : requests()) {
      for (int i = 1; form.containsKey(member(i) + "MetricName"); i++) {
        Map<String, String> dims = new TreeMap<>();
        String d = member(i) + "Dimensions.member.";
        for (int j = 1; form.containsKey(d + j + ".Name"); j++) {
          dims.put(form.get(d + j + ".Name"), form.get(d + j + ".Value"));
        }
        out.add(new Datum(form.get(member(i) + "MetricName"), Double.parseDouble(form.get(member(i) + "Value")),
            form.get(member(i) + "Unit"), dims, form.get(member(i) + "Timestamp")));
      }
    }
    return out;
  }

  private static String member(int i) {
    return "MetricData.member." + i + ".";
  }

  private static final String PUT =
      "<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
          + "<ResponseMetadata><RequestId>3f1d</RequestId></ResponseMetadata></PutMetricDataResponse>";

  private static final String DENIED =
      "<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\"><Error><Type>Sender</Type>"
          + "<Code>AccessDenied</Code><Message>User is not authorized to perform: cloudwatch:PutMetricData"
          + "</Message></Error><RequestId>9d3c</RequestId></ErrorResponse>";
}
