package dev.loglake.common.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loglake.common.config.SecretsManagerSecrets;
import dev.loglake.common.error.EtlErrors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials that sign the report link: the long-lived access key of the {@code
 * presign-secret} secret when one is configured (read with the platform's credentials), else the
 * platform's own (on Glue and EMR: the job role's session, which expires within hours).
 */
final class LinkSigner {

  static final String SECRET_KEY = DeliverySettings.PREFIX + "presign-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private LinkSigner() {}

  /** Resolved once, so that the credentials whose expiry is checked are the ones that sign. */
  static AwsCredentials credentials(DeliverySettings s, AwsCredentialsProvider platform) {
    if (s.presignSecret().isEmpty()) {
      return platform.resolveCredentials();
    }
    String secretId = s.presignSecret().get();
    SecretsManagerSecrets secrets =
        new SecretsManagerSecrets(s.region(), s.secretsManagerEndpoint(), platform);
    return accessKey(secretId, secrets.secretString(secretId, "report link (" + SECRET_KEY + ")"));
  }

  /**
   * The access key in a secret's JSON {@code {"accessKeyId": ..., "secretAccessKey": ...}}. Errors
   * name the secret and the expected shape, never the content.
   */
  static AwsBasicCredentials accessKey(String secretId, String secretString) {
    JsonNode json;
    try {
      json = JSON.readTree(secretString);
    } catch (JsonProcessingException e) {
      // The parser's message quotes the content: leave it out.
      json = null;
    }
    String id = field(json, "accessKeyId");
    String key = field(json, "secretAccessKey");
    if (id == null || key == null) {
      throw EtlErrors.badSecretValue(
          SECRET_KEY,
          secretId,
          json == null || !json.isObject()
              ? "is not a JSON object"
              : "has no non-empty " + (id == null ? "accessKeyId" : "secretAccessKey"),
          "the JSON {\"accessKeyId\": \"AKIA...\", \"secretAccessKey\": \"...\"} of an IAM user's"
              + " access key (README: On AWS, the report link)");
    }
    return AwsBasicCredentials.create(id, key);
  }

  private static String field(JsonNode json, String name) {
    if (json == null || !json.isObject() || !json.path(name).isTextual()) {
      return null;
    }
    String value = json.get(name).asText();
    return value.isBlank() ? null : value;
  }
}
