package dev.loglake.common.report;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Puts a rendered report where people find it: writes the files to the report location through the
 * Hadoop FileSystem (retrying with exponential backoff), and, when delivery is on, presigns a GET
 * link to the PDF (reports zone on S3) and publishes an SNS message with the totals, the worst APIs
 * and the link. A failed presign or publish does not throw: it is returned in {@link
 * DeliveryResult#deliveryError()}, for the caller to report (and fail on, when so configured).
 */
public final class ReportDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);

  private final DeliverySettings settings;
  private final Retry retry;
  private final AwsCredentialsProvider credentials;

  /** With the credentials of the platform (the job's IAM role, or the SDK's default chain). */
  public ReportDelivery(DeliverySettings settings, Retry retry) {
    this(settings, retry, null);
  }

  /** With explicit credentials (tests, S3-compatible stores). */
  public ReportDelivery(
      DeliverySettings settings, Retry retry, AwsCredentialsProvider credentials) {
    this.settings = settings;
    this.retry = retry;
    this.credentials = credentials;
  }

  /**
   * Writes {@code files} of {@code report} under {@code dir}, then presigns and notifies when on.
   */
  public DeliveryResult deliver(
      Configuration hadoop, String dir, StatusReport report, List<ReportFile> files) {
    List<String> paths = ReportStore.write(hadoop, dir, files, retry);
    LOG.info("Wrote the ALB status report: {}", paths);
    if (!settings.enabled()) {
      return new DeliveryResult(paths, Optional.empty(), Optional.empty(), Optional.empty());
    }
    AwsCredentialsProvider creds =
        credentials != null ? credentials : DefaultCredentialsProvider.create();
    Optional<String> link;
    try {
      link = AwsClients.presignGet(settings, creds, paths.get(0)).map(java.net.URL::toString);
    } catch (RuntimeException e) {
      return failed(paths, Optional.empty(), "presigning a link to " + paths.get(0) + " failed", e);
    }
    if (settings.snsTopicArn().isEmpty()) {
      return new DeliveryResult(paths, link, Optional.empty(), Optional.empty());
    }
    String topic = settings.snsTopicArn().get();
    try {
      String id =
          AwsClients.publish(
              settings,
              creds,
              topic,
              ReportMessage.subject(report),
              ReportMessage.body(report, paths, link));
      LOG.info("Published the report message to {} (message id {})", topic, id);
      return new DeliveryResult(paths, link, Optional.of(id), Optional.empty());
    } catch (RuntimeException e) {
      return failed(paths, link, "SNS publish to " + topic + " failed", e);
    }
  }

  private static DeliveryResult failed(
      List<String> paths, Optional<String> link, String what, RuntimeException e) {
    String error = what + ": " + e.getMessage();
    LOG.warn("{}; the report files are written all the same", error, e);
    return new DeliveryResult(paths, link, Optional.empty(), Optional.of(error));
  }
}
