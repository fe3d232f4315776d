package dev.loglake.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loglake.common.error.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The link's lifetime from the signing credentials, and the access key of the presign secret. */
class LinkExpiryTest {

  private static final Instant NOW = Instant.parse("2024-05-02T06:00:00Z");

  private static AwsSessionCredentials sessionEndingAt(Instant expiry) {
    return AwsSessionCredentials.builder()
        .accessKeyId("ASIAROLESESSION")
        .secretAccessKey("role-secret")
        .sessionToken("role-token")
        .expirationTime(expiry)
        .build();
  }

  @Test
  void sessionOutlivingTheRequestKeepsIt() {
    LinkExpiry e =
        LinkExpiry.of(Duration.ofHours(12), sessionEndingAt(NOW.plus(Duration.ofHours(36))), NOW);

    assertThat(e)
        .isEqualTo(
            new LinkExpiry(
                Duration.ofHours(12),
                Duration.ofHours(12),
                LinkExpiry.Limit.CONFIGURED,
                Optional.of(NOW.plus(Duration.ofHours(36)))));
  }

  @Test
  void cappedExpiryIsWholeSecondsBeforeTheMargin() {
    LinkExpiry e =
        LinkExpiry.of(Duration.ofDays(7), sessionEndingAt(NOW.plusSeconds(10_800).plusMillis(700)), NOW);

    // 3 h 0.7 s of session, less 5 minutes, rounded down to whole seconds (X-Amz-Expires).
    assertThat(e.granted()).isEqualTo(Duration.ofSeconds(10_800 - 300));
    assertThat(e.limit()).isEqualTo(LinkExpiry.Limit.CAPPED_BY_CREDENTIALS);
  }

  @Test
  void credentialsExpiringWithinTheMarginGiveNoLink() {
    AwsSessionCredentials almostExpired =
        sessionEndingAt(NOW.plus(LinkExpiry.SAFETY_MARGIN).plusMillis(999));

    assertThatThrownBy(() -> LinkExpiry.of(Duration.ofDays(7), almostExpired, NOW))
        .hasMessageContaining("expire at 2024-05-02T06:05:00.999Z")
        .hasMessageContaining("loglake.alb.delivery.presign-secret");
  }

  @Test
  void secretJsonGivesTheAccessKeyAndAMissingFieldIsNamed() {
    assertThat(
            LinkSigner.accessKey(
                "loglake/report-link",
                "{\"accessKeyId\": \"AKIAREPORTLINK\", \"secretAccessKey\": \"link-secret\"}"))
        .isEqualTo(AwsBasicCredentials.create("AKIAREPORTLINK", "link-secret"));
    assertThatThrownBy(
            () -> LinkSigner.accessKey("loglake/report-link", "{\"accessKeyId\": \"AKIAREPORTLINK\"}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.delivery.presign-secret")
        .hasMessageContaining("loglake/report-link")
        .hasMessageContaining("has no non-empty secretAccessKey")
        .hasMessageNotContaining("AKIAREPORTLINK");
  }
}
