package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quality alarms of scripts/aws/loglake.yaml: the score and quarantine-share thresholds, one
 * Metrics Insights query alarm each over every dataset's series, and the missing-run alarm; and the
 * deployed jobs publishing the metrics they watch.
 */
class QualityAlarmsTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  /** The namespace the jobs publish in (loglake.metrics.cloudwatch.namespace). */
  private static final String NAMESPACE =
      ConfigFactory.parseResourcesAnySyntax("reference.conf").getString("loglake.metrics.cloudwatch.namespace");
  /**
   * A Metrics Insights alarm evaluates only the latest 3 hours of data
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-limits.html).
   */
  private static final int METRICS_INSIGHTS_ALARM_SECONDS = 3 * 3600;

  @Test
  void theThresholdsAreParametersDefaulting95AndFivePercent() {
    Map<String, Object> score = Json.map(MAIN.parameters().get("QualityScoreAlarmThreshold"), "score");
    Map<String, Object> share = Json.map(MAIN.parameters().get("QuarantineShareAlarmThreshold"), "share");
    assertThat(score).containsEntry("Type", "Number").containsEntry("MinValue", 0).containsEntry("MaxValue", 100);
    assertThat(share).containsEntry("Type", "Number").containsEntry("MinValue", 0).containsEntry("MaxValue", 1);
    Intrinsics defaults = new Intrinsics(MAIN, Map.of());
    assertThat(defaults.resolve(Map.of("Ref", "QualityScoreAlarmThreshold"))).isEqualTo("95");
    assertThat(defaults.resolve(Map.of("Ref", "QuarantineShareAlarmThreshold"))).isEqualTo("0.05");
  }

  @Test
  void aScoreBelowTheThresholdInAnyDatasetAlarmsThroughOneQueryOverEverySeries() {
    assertQueryAlarm("QualityScoreAlarm", "MIN", "quality_score", "LessThanThreshold", "QualityScoreAlarmThreshold");
    Intrinsics in = new Intrinsics(MAIN, Map.of("QualityScoreAlarmThreshold", "98"));
    assertThat(in.resolve(alarm("QualityScoreAlarm").get("AlarmDescription"))).contains("scored below 98 ");
  }

  @Test
  void aQuarantineShareAboveTheThresholdInAnyDatasetAlarmsThroughOneQueryOverEverySeries() {
    assertQueryAlarm("QuarantineShareAlarm", "MAX", "quarantine_share", "GreaterThanThreshold", "QuarantineShareAlarmThreshold");
  }

  @Test
  void noQualityRunIn26HoursAlarmsWhenSchedulesAreOn() {
    Map<String, Object> alarm = alarm("QualityMissingAlarm");
    assertThat(Json.map(MAIN.resources().get("QualityMissingAlarm"), "r")).containsEntry("Condition", "SchedulesOn");
    assertThat(alarm).containsEntry("Namespace", NAMESPACE).containsEntry("MetricName", "failed")
        .containsEntry("Dimensions", List.of(Map.of("Name", "Job", "Value", JobArgVectors.jobOfClass(
            "dev.loglake.jobs.quality.QualityJob").name())))
        .containsEntry("Statistic", "SampleCount").containsEntry("ComparisonOperator", "LessThanThreshold")
        .containsEntry("Threshold", 1).containsEntry("TreatMissingData", "breaching")
        .containsEntry("AlarmActions", List.of(Map.of("Ref", "AlertsTopic")));
    // Every hourly period of 26 hours without a run's data point breaches (missing data counts as breaching).
    assertThat((Integer) alarm.get("Period") * (Integer) alarm.get("EvaluationPeriods")).isEqualTo(26 * 3600);
    assertThat(alarm.get("DatapointsToAlarm")).isEqualTo(alarm.get("EvaluationPeriods"));
  }

  @Test
  void everyDeployedGlueJobPublishesItsMetrics() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    MAIN.resourcesOfType("AWS::Glue::Job").forEach((id, p) -> assertThat(
        JobArgVectors.glueJob(in, id, p).etl().config().getBoolean("loglake.metrics.cloudwatch.enabled")).as(id).isTrue());
  }

  @Test
  void theQualityJobSendsItsWarningsToTheAlertsTopicAndMayPublishThere() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Map<String, Object> job = MAIN.resourcesOfType("AWS::Glue::Job").get("QualityGlueJob");
    assertThat(JobArgVectors.glueJob(in, "QualityGlueJob", job).etl().config().getString("loglake.quality.warnings.sns-topic-arn"))
        .isEqualTo(in.resolve(Map.of("Ref", "AlertsTopic")));
    Map<String, Object> role = MAIN.resourcesOfType("AWS::IAM::Role").get("QualityRole");
    Map<String, Object> own = Json.map(Json.list(role.get("Policies"), "Policies").get(0), "policy");
    assertThat(Json.list(Json.map(own.get("PolicyDocument"), "doc").get("Statement"), "Statement")).contains(Map.of(
        "Sid", "PublishWarnings", "Effect", "Allow", "Action", List.of("sns:Publish"), "Resource", List.of(Map.of("Ref", "AlertsTopic"))));
  }

  private static void assertQueryAlarm(String id, String function, String metric, String operator, String threshold) {
    Map<String, Object> alarm = alarm(id);
    List<Object> metrics = Json.list(alarm.get("Metrics"), id);
    assertThat(metrics).hasSize(1);
    Map<String, Object> query = Json.map(metrics.get(0), id);
    // SCHEMA(namespace, dimension keys): the metrics with exactly those dimensions, one series per
    // Dataset/Table pair, aggregated into the one series an aggregate alarm takes
    // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Metrics_Insights_Alarm.html).
    assertThat(query.get("Expression"))
        .isEqualTo("SELECT " + function + "(" + metric + ") FROM SCHEMA(\"" + NAMESPACE + "\", \"Dataset\", \"Table\")");
    assertThat(query).containsEntry("ReturnData", true).doesNotContainKey("MetricStat");
    assertThat((Integer) query.get("Period") * (Integer) alarm.get("EvaluationPeriods")).isLessThanOrEqualTo(METRICS_INSIGHTS_ALARM_SECONDS);
    assertThat(alarm).doesNotContainKeys("Namespace", "MetricName", "Statistic")
        .containsEntry("Threshold", Map.of("Ref", threshold)).containsEntry("ComparisonOperator", operator)
        .containsEntry("TreatMissingData", "notBreaching").containsEntry("AlarmActions", List.of(Map.of("Ref", "AlertsTopic")));
  }

  private static Map<String, Object> alarm(String id) {
    Map<String, Object> alarm = MAIN.resourcesOfType("AWS::CloudWatch::Alarm").get(id);
    assertThat(alarm).as(id).isNotNull();
    return alarm;
  }
}
