package dev.loglake.common.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * How long a presigned link may last with the credentials that sign it. A presigned URL stops
 * working when the temporary credentials that signed it expire, whatever its {@code X-Amz-Expires}
 * says ("If you created a presigned URL using a temporary token, then the URL expires when the token
 * expires": https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html#PresignedUrl-Expiration).
 * So with credentials whose expiry is known, the link is capped at their remaining lifetime less
 * {@link #SAFETY_MARGIN}, and the link says the truth about when it ends.
 *
 * @param requested the configured expiry ({@code loglake.alb.delivery.presign-expiry})
 * @param granted the link's {@code X-Amz-Expires}
 * @param limit why {@code granted} is what it is
 * @param credentialsExpireAt when the signing credentials expire, when known
 */
public record LinkExpiry(
    Duration requested, Duration granted, Limit limit, Optional<Instant> credentialsExpireAt) {

  /**
   * Kept between the link's end and the credentials' expiry: clock skew between this machine and
   * the credentials' issuer, and the time from reading the credentials to signing.
   */
  public static final Duration SAFETY_MARGIN = Duration.ofMinutes(5);

  /** Why the link lasts as long as it does. */
  public enum Limit {
    /** Credentials without an expiry (an IAM user's key), or ones that outlive the request. */
    CONFIGURED,
    /** Session credentials that expire sooner than requested: the link ends before they do. */
    CAPPED_BY_CREDENTIALS,
    /** Session credentials whose expiry the SDK does not report: the link may end sooner. */
    CREDENTIALS_EXPIRY_UNKNOWN
  }

  /**
   * The expiry of a link requested to last {@code requested}, signed at {@code now} with {@code
   * credentials}. Throws when the credentials expire within the safety margin: no link would be
   * worth sending.
   */
  static LinkExpiry of(Duration requested, AwsCredentialsIdentity credentials, Instant now) {
    Optional<Instant> expires = credentials.expirationTime();
    if (expires.isEmpty()) {
      Limit limit =
          credentials instanceof AwsSessionCredentialsIdentity
              ? Limit.CREDENTIALS_EXPIRY_UNKNOWN
              : Limit.CONFIGURED;
      return new LinkExpiry(requested, requested, limit, expires);
    }
    Duration left = Duration.between(now, expires.get()).minus(SAFETY_MARGIN);
    if (left.compareTo(requested) >= 0) {
      return new LinkExpiry(requested, requested, Limit.CONFIGURED, expires);
    }
    if (left.toSeconds() < 1) {
      throw new IllegalStateException(
          "the signing credentials expire at "
              + expires.get()
              + ", within "
              + SAFETY_MARGIN.toMinutes()
              + " minutes: too soon for a link. Set "
              + DeliverySettings.PREFIX
              + "presign-secret to sign with a long-lived access key");
    }
    return new LinkExpiry(
        requested, Duration.ofSeconds(left.toSeconds()), Limit.CAPPED_BY_CREDENTIALS, expires);
  }
}
