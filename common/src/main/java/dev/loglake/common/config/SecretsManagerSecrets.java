package dev.loglake.common.config;

import com.typesafe.config.Config;
import dev.loglake.common.error.EtlErrors;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Reads secrets from AWS Secrets Manager (GetSecretValue), the one place the jobs get secret
 * values from: never from config. The job's IAM role must be allowed {@code
 * secretsmanager:GetSecretValue} on the secret.
 *
 * @param region the client's region; a secret given by ARN is read in the ARN's region. Empty =
 *     the SDK's default chain
 * @param endpoint an endpoint override ({@code loglake.aws.secretsmanager-endpoint}: tests, VPC
 *     endpoints); empty = AWS
 * @param credentials who calls Secrets Manager (the job's role through the SDK's default chain)
 */
public record SecretsManagerSecrets(
    Optional<String> region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {

  /** The key of the endpoint override. */
  public static final String ENDPOINT_KEY = "loglake.aws.secretsmanager-endpoint";

  /** {@code loglake.aws.region} and {@code loglake.aws.secretsmanager-endpoint}, the role's keys. */
  public static SecretsManagerSecrets from(Config c) {
    return new SecretsManagerSecrets(
        Configs.optionalString(c, "loglake.aws.region"),
        Configs.optionalEndpoint(c, ENDPOINT_KEY),
        DefaultCredentialsProvider.create());
  }

  /**
   * The SecretString of {@code secretId} (a name or an ARN). Throws a {@code ConfigException}
   * naming the secret, what it is for ({@code purpose}) and the fix when it cannot be read; the
   * message never holds a secret value.
   */
  public String secretString(String secretId, String purpose) {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(credentials);
    arnRegion(secretId).or(() -> region).map(Region::of).ifPresent(builder::region);
    endpoint.ifPresent(builder::endpointOverride);
    try (SecretsManagerClient client = builder.build()) {
      String value = client.getSecretValue(r -> r.secretId(secretId)).secretString();
      if (value == null) {
        throw new IllegalStateException("it has no SecretString (a binary secret?)");
      }
      return value;
    } catch (RuntimeException e) {
      throw EtlErrors.unreadableConfig(
          "cannot read the "
              + purpose
              + " secret "
              + secretId
              + " from AWS Secrets Manager ("
              + e.getMessage()
              + "); check the secret name and that the job's role may call"
              + " secretsmanager:GetSecretValue on it",
          e);
    }
  }

  /** {@code eu-west-1} of {@code arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf}. */
  static Optional<String> arnRegion(String secretId) {
    String[] parts = secretId.split(":", 6);
    return secretId.startsWith("arn:") && parts.length == 6 && !parts[3].isEmpty()
        ? Optional.of(parts[3])
        : Optional.empty();
  }
}
