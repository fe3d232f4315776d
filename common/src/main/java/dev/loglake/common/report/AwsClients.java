package dev.loglake.common.report;

import java.net.URI;
import java.net.URL;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

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

  /** A presigned GET URL of {@code path}, valid for the configured time; empty when not on S3. */
  static Optional<URL> presignGet(
      DeliverySettings s, AwsCredentialsProvider credentials, String path) {
    Optional<String[]> location = s3Location(path);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .credentialsProvider(credentials)
            .serviceConfiguration(
                S3Configuration.builder().pathStyleAccessEnabled(s.s3PathStyle()).build());
    s.region().map(Region::of).ifPresent(builder::region);
    s.s3Endpoint().ifPresent(builder::endpointOverride);
    try (S3Presigner presigner = builder.build()) {
      GetObjectPresignRequest request =
          GetObjectPresignRequest.builder()
              .signatureDuration(s.presignExpiry())
              .getObjectRequest(g -> g.bucket(location.get()[0]).key(location.get()[1]))
              .build();
      return Optional.of(presigner.presignGetObject(request).url());
    }
  }

  /** Publishes to the topic; returns the message id. Throws the SDK's exception on failure. */
  static String publish(
      DeliverySettings s,
      AwsCredentialsProvider credentials,
      String topic,
      String subject,
      String body) {
    var builder =
        SnsClient.builder()
            .credentialsProvider(credentials)
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    s.region().map(Region::of).ifPresent(builder::region);
    s.snsEndpoint().ifPresent(builder::endpointOverride);
    try (SnsClient sns = builder.build()) {
      return sns.publish(
              PublishRequest.builder().topicArn(topic).subject(subject).message(body).build())
          .messageId();
    }
  }
}
