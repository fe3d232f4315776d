package dev.loglake.common.report;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** Publishes one SNS message: the report delivery's and the quality job's warnings. */
public final class SnsPublisher {

  private SnsPublisher() {}

  /**
   * Publishes {@code subject} and {@code body} to {@code topic}; returns the message id. Throws the
   * SDK's exception on failure.
   *
   * @param region the region; empty = the SDK's default chain
   * @param endpoint an endpoint override (tests); empty = AWS
   */
  public static String publish(Optional<String> region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
      String topic, String subject, String body) {
    var builder = SnsClient.builder().credentialsProvider(credentials).httpClientBuilder(UrlConnectionHttpClient.builder());
    region.map(Region::of).ifPresent(builder::region);
    endpoint.ifPresent(builder::endpointOverride);
    try (SnsClient sns = builder.build()) {
      return sns.publish(PublishRequest.builder().topicArn(topic).subject(subject).message(body).build()).messageId();
    }
  }
}
