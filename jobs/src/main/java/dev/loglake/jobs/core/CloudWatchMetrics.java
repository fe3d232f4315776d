package dev.loglake.jobs.core;

import dev.loglake.common.config.EtlConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes a finished job's figures ({@link SummaryFigures#metrics}) to CloudWatch with
 * PutMetricData, when {@code loglake.metrics.cloudwatch.enabled}. Credentials come from the SDK's
 * default chain (the job's IAM role). Monitoring must not change a job's outcome: any failure here,
 * a bad setting included, is logged as a warning and swallowed.
 */
final class CloudWatchMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchMetrics.class);

  /** PutMetricData takes at most 1000 metrics per request. */
  static final int MAX_PER_REQUEST = 1000;

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private CloudWatchMetrics() {}

  /** Publishes {@code result}'s figures if {@code config} (null before it loaded) enables it. */
  static void publishIfEnabled(EtlConfig config, JobResult result) {
    if (config == null) {
      return;
    }
    CloudWatchSettings settings;
    try {
      settings = CloudWatchSettings.from(config.config());
    } catch (RuntimeException e) {
      LOG.warn("CloudWatch metrics of {} run {} not published: {}", result.job(), result.runId(), e.getMessage());
      return;
    }
    if (settings.enabled()) {
      publish(settings, result);
    }
  }

  static void publish(CloudWatchSettings settings, JobResult result) {
    List<MetricDatum> data = data(SummaryFigures.metrics(result.toSummary()), endOf(result));
    try (CloudWatchClient cloudWatch = client(settings)) {
      for (int i = 0; i < data.size(); i += MAX_PER_REQUEST) {
        List<MetricDatum> batch = data.subList(i, Math.min(data.size(), i + MAX_PER_REQUEST));
        cloudWatch.putMetricData(r -> r.namespace(settings.namespace()).metricData(batch));
      }
      LOG.info(
          "Published {} CloudWatch metrics of {} run {} to namespace {}",
          data.size(), result.job(), result.runId(), settings.namespace());
    } catch (RuntimeException e) {
      LOG.warn(
          "CloudWatch metrics of {} run {} not published to namespace {}: {}. The job's outcome is"
              + " unchanged; check loglake.metrics.cloudwatch and the role's cloudwatch:PutMetricData.",
          result.job(), result.runId(), settings.namespace(), e.toString());
    }
  }

  private static List<MetricDatum> data(List<SummaryFigures.Metric> metrics, Instant at) {
    List<MetricDatum> out = new ArrayList<>(metrics.size());
    for (SummaryFigures.Metric m : metrics) {
      List<Dimension> dims = new ArrayList<>();
      m.dimensions().forEach((k, v) -> dims.add(Dimension.builder().name(k).value(v).build()));
      out.add(
          MetricDatum.builder()
              .metricName(m.name())
              .dimensions(dims)
              .value(m.value())
              .unit(StandardUnit.fromValue(m.unit()))
              .timestamp(at)
              .build());
    }
    return out;
  }

  /** When the run ended: its start plus its duration (now, if either is unknown). */
  private static Instant endOf(JobResult result) {
    return result.startedAt() == null || result.duration() == null
        ? Instant.now()
        : result.startedAt().plus(result.duration());
  }

  private static CloudWatchClient client(CloudWatchSettings s) {
    var builder =
        CloudWatchClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
    s.region().map(Region::of).ifPresent(builder::region);
    s.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
