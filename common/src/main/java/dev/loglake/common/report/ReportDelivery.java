package dev.loglake.common.report;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Puts a rendered report where people find it: writes the files to the report location through the
 * Hadoop FileSystem (retrying with exponential backoff), and, when delivery is on, presigns a GET
 * link to the PDF (reports zone on S3) and publishes an SNS message with the totals, the worst APIs
 * and the link with its expiry. The link is signed with the access key of {@code presign-secret}
 * when set, else with the platform's credentials, and never promised beyond their expiry (see
 * {@link LinkExpiry}). A failed presign or publish does not throw: it is returned in {@link
 * DeliveryResult#deliveryError()}, for the caller to report (and fail on, when so configured).
 */
public final class ReportDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);

  private final DeliverySettings settings;
  private final Retry retry;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;

  /** With the credentials of the platform (the job's IAM role, or the SDK's default chain). */
  public ReportDelivery(DeliverySettings settings, Retry retry) {
    this(settings, retry, null, Clock.systemUTC());
  }

  /**
   * With explicit platform credentials (tests, S3-compatible stores) and the clock that the
   * signing credentials' remaining lifetime is measured with.
   */
  public ReportDelivery(
      DeliverySettings settings, Retry retry, AwsCredentialsProvider credentials, Clock clock) {
    this.settings = settings;
    this.retry = retry;
    this.credentials = credentials;
    this.clock = clock;
  }

  /**
   * Writes {@code files} of {@code report} under {@code dir}, then presigns and notifies when on.
   */
  public DeliveryResult deliver(
      Configuration hadoop, String dir, StatusReport report, List<ReportFile> files) {
    List<String> paths = ReportStore.write(hadoop, dir, files, retry);
    LOG.debug("Wrote the ALB status report: {}", paths); // the job's summary names the PDF
    if (!settings.enabled()) {
      return new DeliveryResult(paths, Optional.empty(), Optional.empty(), Optional.empty());
    }
    AwsCredentialsProvider creds =
        credentials != null ? credentials : DefaultCredentialsProvider.create();
    Optional<ReportLink> link;
    try {
      link = presign(paths.get(0), creds);
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

  /** The link to {@code pdf}, when it is on S3; no credentials are touched otherwise. */
  private Optional<ReportLink> presign(String pdf, AwsCredentialsProvider platform) {
    if (AwsClients.s3Location(pdf).isEmpty()) {
      return Optional.empty();
    }
    AwsCredentials signer = LinkSigner.credentials(settings, platform);
    LinkExpiry expiry = LinkExpiry.of(settings.presignExpiry(), signer, clock.instant());
    Optional<ReportLink> link = AwsClients.presignGet(settings, signer, pdf, expiry);
    link.ifPresent(this::logExpiry);
    return link;
  }

  private void logExpiry(ReportLink link) {
    LinkExpiry e = link.expiry();
    String signer =
        settings.presignSecret().map(s -> "the access key of secret " + s).orElse("the platform");
    switch (e.limit()) {
      case CONFIGURED ->
          LOG.info("The report link, signed by {}, expires at {}", signer, link.expiresAt());
      case CAPPED_BY_CREDENTIALS ->
          LOG.warn(
              "The report link expires at {} ({}) instead of after the configured {}: the session"
                  + " credentials that signed it expire at {}, and a presigned URL stops working"
                  + " when they do ({} kept as a safety margin). Set {} for a link that lasts"
                  + " the configured time.",
              link.expiresAt(),
              ReportFormat.span(e.granted()),
              ReportFormat.span(e.requested()),
              e.credentialsExpireAt().orElseThrow(),
              ReportFormat.span(LinkExpiry.SAFETY_MARGIN),
              LinkSigner.SECRET_KEY);
      case CREDENTIALS_EXPIRY_UNKNOWN ->
          LOG.warn(
              "The report link says it expires at {}, but it is signed with temporary credentials"
                  + " whose expiry the SDK does not report, and a presigned URL stops working when"
                  + " they expire (a Glue or EMR role session: within hours). Set {} for a link"
                  + " that lasts the configured {}.",
              link.expiresAt(),
              LinkSigner.SECRET_KEY,
              ReportFormat.span(e.requested()));
    }
  }

  private static DeliveryResult failed(
      List<String> paths, Optional<ReportLink> link, String what, RuntimeException e) {
    String error = what + ": " + e.getMessage();
    LOG.warn("{}; the report files are written all the same", error, e);
    return new DeliveryResult(paths, link, Optional.empty(), Optional.of(error));
  }
}
