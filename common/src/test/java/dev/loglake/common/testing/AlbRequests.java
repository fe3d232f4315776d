package dev.loglake.common.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Literal parsed ALB requests for tests: the columns of the ALB schema (issue 3) the status
 * transforms read, plus a few context columns, with the parser's conventions ({@code -1} times
 * kept, null for {@code -} status and target group).
 */
public final class AlbRequests {

  /** A subset of the parsed ALB schema, same names and types. */
  public static final StructType SCHEMA =
      StructType.fromDDL(
          "type STRING, time TIMESTAMP, elb STRING, target_processing_time DOUBLE,"
              + " elb_status_code INT, target_status_code INT, received_bytes BIGINT,"
              + " sent_bytes BIGINT, request_url STRING, target_group_arn STRING,"
              + " actions_executed ARRAY<STRING>");

  private AlbRequests() {}

  /** The ARN of target group {@code name}. */
  public static String arn(String name) {
    return "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/"
        + name
        + "/73e2d6bc24d8a067";
  }

  public static Timestamp ts(String iso) {
    return Timestamp.from(Instant.parse(iso));
  }

  /** A request forwarded to target group {@code group} (null: none, as for a redirect). */
  public static Row request(
      String time,
      String group,
      int elbStatus,
      Integer targetStatus,
      double latency,
      long received,
      long sent) {
    List<String> actions =
        group == null
            ? List.of(elbStatus / 100 == 3 ? "redirect" : "fixed-response")
            : List.of("forward");
    return RowFactory.create(
        "https",
        ts(time),
        "app/my-alb/50dc6c495c0c9188",
        latency,
        elbStatus,
        targetStatus,
        received,
        sent,
        "https://api.example.com:443/v1/x",
        group == null ? null : arn(group),
        scala.collection.JavaConverters.asScalaBuffer(actions).toList());
  }
}
