package dev.loglake.common.report;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.SecretsManagerSecrets;
import dev.loglake.common.error.EtlErrors;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code loglake.alb.delivery.*}: the presigned link and the SNS message.
 *
 * @param enabled presign and notify at all
 * @param presignExpiry how long the link is valid (1 second to 7 days, SigV4's limit)
 * @param snsTopicArn the topic; empty = no message
 * @param region the bucket's and topic's region; empty = the SDK's default chain
 * @param s3Endpoint an S3-compatible endpoint (tests, other stores); empty = AWS
 * @param snsEndpoint an SNS endpoint override (tests); empty = AWS
 * @param s3PathStyle path-style S3 URLs
 * @param failOnNotifyError whether a failed publish fails the job
 * @param presignSecret a Secrets Manager secret (name or ARN) holding the long-lived access key that
 *     signs the link, as JSON {@code {"accessKeyId": ..., "secretAccessKey": ...}}; empty = the
 *     platform's credentials sign it, and the link lasts at most as long as they do
 * @param secretsManagerEndpoint a Secrets Manager endpoint override (tests, VPC endpoints)
 */
public record DeliverySettings(
    boolean enabled,
    Duration presignExpiry,
    Optional<String> snsTopicArn,
    Optional<String> region,
    Optional<URI> s3Endpoint,
    Optional<URI> snsEndpoint,
    boolean s3PathStyle,
    boolean failOnNotifyError,
    Optional<String> presignSecret,
    Optional<URI> secretsManagerEndpoint) {

  static final String PREFIX = "loglake.alb.delivery.";
  private static final Duration MAX_EXPIRY = Duration.ofDays(7);

  public DeliverySettings {
    if (presignExpiry.toSeconds() < 1 || presignExpiry.compareTo(MAX_EXPIRY) > 0) {
      throw EtlErrors.badValue(PREFIX + "presign-expiry", presignExpiry, "between 1s and 7d");
    }
    snsTopicArn.ifPresent(
        arn -> {
          if (!arn.startsWith("arn:") || !arn.contains(":sns:")) {
            throw EtlErrors.badValue(
                PREFIX + "sns-topic-arn",
                arn,
                "an SNS topic ARN, arn:aws:sns:<region>:<account>:<topic>");
          }
        });
  }

  /** Reads {@code loglake.alb.delivery.*}; the region falls back to {@code loglake.aws.region}. */
  public static DeliverySettings from(Config c) {
    Optional<String> region =
        Configs.optionalString(c, PREFIX + "region")
            .or(() -> Configs.optionalString(c, "loglake.aws.region"));
    return new DeliverySettings(
        Configs.booleanValue(c, PREFIX + "enabled"),
        Configs.duration(c, PREFIX + "presign-expiry"),
        Configs.optionalString(c, PREFIX + "sns-topic-arn"),
        region,
        Configs.optionalEndpoint(c, PREFIX + "s3-endpoint"),
        Configs.optionalEndpoint(c, PREFIX + "sns-endpoint"),
        Configs.booleanValue(c, PREFIX + "s3-path-style"),
        Configs.booleanValue(c, PREFIX + "fail-on-notify-error"),
        Configs.optionalString(c, PREFIX + "presign-secret"),
        Configs.optionalEndpoint(c, SecretsManagerSecrets.ENDPOINT_KEY));
  }

  /** Delivery turned off. */
  public static DeliverySettings disabled() {
    return new DeliverySettings(
        false,
        Duration.ofDays(7),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        Optional.empty(),
        Optional.empty());
  }
}
