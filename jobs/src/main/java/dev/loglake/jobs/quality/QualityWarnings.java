package dev.loglake.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.LakeZones;
import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.io.DeltaRetry;
import dev.loglake.common.report.SnsPublisher;
import dev.loglake.quality.QualityReport;
import dev.loglake.quality.QualityRule;
import dev.loglake.quality.RuleResult;
import io.delta.tables.DeltaTable;
import java.net.URI;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The SNS message of a run whose warning-level rules failed: what failed where, at most once per
 * dataset and UTC day. The datasets a message named are recorded in the quality zone's Delta table
 * {@code quality_warnings_sent}, so a rerun the same day leaves them out (and sends nothing when none
 * is left). Monitoring does not change the run's outcome: a failed publish is logged and reported in
 * the figures, and the next run tries again.
 */
final class QualityWarnings {

  private static final Logger LOG = LoggerFactory.getLogger(QualityWarnings.class);

  static final String SENT = "quality_warnings_sent";
  static final String PREFIX = "loglake.quality.warnings.";
  /** SNS subjects are at most 100 characters. */
  private static final int MAX_SUBJECT = 100;

  static final StructType SENT_SCHEMA = new StructType()
      .add("dataset", DataTypes.StringType, false)
      .add("day", DataTypes.DateType, false)
      .add("run_id", DataTypes.StringType, false)
      .add("message_id", DataTypes.StringType, false)
      .add("sent_at", DataTypes.TimestampType, false);

  /**
   * {@code loglake.quality.warnings.*}.
   *
   * @param topic the SNS topic; empty = no message
   * @param region the region; empty = loglake.aws.region, else the SDK's default chain
   * @param endpoint an SNS endpoint override (tests); empty = AWS
   */
  record Settings(Optional<String> topic, Optional<String> region, Optional<URI> endpoint) {
    static Settings from(Config c) {
      Optional<String> topic = Configs.optionalString(c, PREFIX + "sns-topic-arn");
      topic.ifPresent(arn -> {
        if (!arn.startsWith("arn:") || !arn.contains(":sns:")) {
          throw EtlErrors.badValue(PREFIX + "sns-topic-arn", arn, "an SNS topic ARN, arn:aws:sns:<region>:<account>:<topic>");
        }
      });
      return new Settings(topic, Configs.optionalString(c, PREFIX + "region").or(() -> Configs.optionalString(c, "loglake.aws.region")),
          Configs.optionalEndpoint(c, PREFIX + "sns-endpoint"));
    }
  }

  /** One failed warning-level rule of a partition. */
  record Failure(String date, double score, RuleResult result) {}

  private QualityWarnings() {}

  /** Per dataset (in check order), its failed warning-level rules; datasets without any are left out. */
  static Map<String, List<Failure>> failures(Map<String, List<QualityReport>> reports) {
    Map<String, List<Failure>> out = new LinkedHashMap<>();
    reports.forEach((dataset, partitions) -> {
      List<Failure> failed = new ArrayList<>();
      for (QualityReport p : partitions) {
        p.failed().stream().filter(r -> r.rule().level() == QualityRule.Level.WARNING)
            .forEach(r -> failed.add(new Failure(p.partition(), p.score(), r)));
      }
      if (!failed.isEmpty()) {
        out.put(dataset, failed);
      }
    });
    return out;
  }

  /**
   * Sends the run's message when a topic is configured and a dataset with failed warning-level rules
   * got none today; returns the figures: warnings_notified (the datasets the message named),
   * warnings_already_sent (those left out, notified earlier today), warnings_error (a failed publish).
   */
  static Map<String, Object> notify(SparkSession spark, Settings settings, String qualityZone, String runId,
      Map<String, List<QualityReport>> reports, Map<String, String> tables, String report, Instant now) {
    Map<String, Object> figures = new LinkedHashMap<>();
    Map<String, List<Failure>> failures = failures(reports);
    if (settings.topic().isEmpty() || failures.isEmpty()) {
      return figures;
    }
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    String path = LakeZones.join(qualityZone, SENT);
    Set<String> sent = sentOn(spark, path, day);
    Map<String, List<Failure>> due = new LinkedHashMap<>(failures);
    due.keySet().removeAll(sent);
    List<String> skipped = failures.keySet().stream().filter(sent::contains).toList();
    if (!skipped.isEmpty()) {
      figures.put("warnings_already_sent", skipped);
      LOG.info("Quality warnings of {} were sent earlier on {}: not again", skipped, day);
    }
    if (due.isEmpty()) {
      return figures;
    }
    String topic = settings.topic().get();
    try {
      String id = SnsPublisher.publish(settings.region(), settings.endpoint(), DefaultCredentialsProvider.create(), topic,
          subject(due.keySet()), body(runId, now, due, tables, report));
      LOG.info("Published the quality warnings of {} to {} (message id {})", due.keySet(), topic, id);
      record(spark, path, due.keySet(), day, runId, id, now);
      figures.put("warnings_notified", List.copyOf(due.keySet()));
    } catch (RuntimeException e) {
      LOG.warn("Quality warnings of {} not published to {}: {}. The run's outcome is unchanged; the next run tries"
          + " again. Check {} and the role's sns:Publish.", due.keySet(), topic, e.toString(), PREFIX + "sns-topic-arn");
      figures.put("warnings_error", "SNS publish to " + topic + " failed: " + e.getMessage());
    }
    return figures;
  }

  static String subject(Set<String> datasets) {
    String subject = "loglake quality warnings: " + String.join(", ", datasets);
    return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
  }

  /** The message: per dataset and its table, each failed warning-level rule with its partition, score and detail. */
  static String body(String runId, Instant now, Map<String, List<Failure>> due, Map<String, String> tables, String report) {
    StringBuilder b = new StringBuilder();
    b.append("Quality run ").append(runId).append(" (").append(now).append("): warning-level rules failed.\n");
    due.forEach((dataset, failed) -> {
      b.append('\n').append(dataset).append(" (").append(tables.getOrDefault(dataset, dataset)).append(")\n");
      for (Failure f : failed) {
        b.append("  ").append(f.date()).append(String.format(java.util.Locale.ROOT, " (score %.2f): ", f.score()))
            .append(f.result().rule().name());
        if (!f.result().detail().isEmpty()) {
          b.append(" - ").append(f.result().detail());
        }
        b.append('\n');
      }
    });
    b.append("\nReport: ").append(report).append('\n');
    b.append("One message per dataset and day (UTC): later runs today send none for ")
        .append(String.join(", ", due.keySet())).append(".\n");
    return b.toString();
  }

  private static Set<String> sentOn(SparkSession spark, String path, LocalDate day) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      return Set.of();
    }
    return spark.read().format("delta").load(path).where(col("day").equalTo(lit(Date.valueOf(day))))
        .select("dataset").collectAsList().stream().map(r -> r.getString(0)).collect(Collectors.toSet());
  }

  private static void record(SparkSession spark, String path, Set<String> datasets, LocalDate day, String runId,
      String messageId, Instant now) {
    List<Row> rows = datasets.stream().map(d -> RowFactory.create(d, Date.valueOf(day), runId, messageId,
        Timestamp.from(now))).toList();
    DeltaRetry.onConflict(path, () -> spark.createDataFrame(rows, SENT_SCHEMA).write().format("delta").mode("append").save(path));
  }
}
