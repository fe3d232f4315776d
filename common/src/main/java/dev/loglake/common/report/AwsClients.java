package dev.loglake.common.report;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/** The two AWS calls of the delivery: presign a GET of the PDF, publish the SNS message. */
final class AwsClients {

  private AwsClients() {}

  /**
   * The bucket and key of an {@code s3://}, {@code s3a://} or {@code s3n://} path; empty otherwise.
   */
  static Optional<String[]> s3Location(String path) {
    URI uri = URI.create(path);
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("s3") || scheme.equals("s3a") || scheme.equals("s3n"))) {
      return Optional.empty();
    }
    String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    return Optional.of(new String[] {uri.getHost(), key});
  }

  /**
   * A presigned GET link to {@code path}, signed with {@code signer} for {@code expiry.granted()};
   * empty when not on S3.
   */
  static Optional<ReportLink> presignGet(
      DeliverySettings s, AwsCredentials signer, String path, LinkExpiry expiry) {
    Optional<String[]> location = s3Location(path);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .credentialsProvider(StaticCredentialsProvider.create(signer))
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s.s3PathStyle()).build());
    s.region().map(Region::of).ifPresent(builder::region);
    s.s3Endpoint().ifPresent(builder::endpointOverride);
    try (S3Presigner presigner = builder.build()) {
      GetObjectPresignRequest request =
          GetObjectPresignRequest.builder()
              .signatureDuration(expiry.granted())
              .getObjectRequest(g -> g.bucket(location.get()[0]).key(location.get()[1]))
              .build();
      PresignedGetObjectRequest presigned = presigner.presignGetObject(request);
      // X-Amz-Date has whole seconds: the link ends at it plus X-Amz-Expires.
      return Optional.of(
          new ReportLink(
              presigned.url().toString(),
              presigned.expiration().truncatedTo(ChronoUnit.SECONDS),
              expiry));
    }
  }

  /** Publishes to the topic; returns the message id. Throws the SDK's exception on failure. */
  static String publish(
      DeliverySettings s,
      AwsCredentialsProvider credentials,
      String topic,
      String subject,
      String body) {
    return SnsPublisher.publish(s.region(), s.snsEndpoint(), credentials, topic, subject, body);
  }
}
