package dev.loglake.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.loglake.common.error.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportSettingsTest {

  private static Config load(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.parseResources("reference.conf"))
        .resolve();
  }

  @Test
  void defaultsWriteTheReportAndDeliverNothing() {
    Config c = load("");

    assertThat(ReportSettings.from(c)).isEqualTo(new ReportSettings(true, 5, 4, Duration.ofSeconds(1)));
    assertThat(DeliverySettings.from(c)).isEqualTo(DeliverySettings.disabled());
  }

  @Test
  void readsDeliveryWithRegionFallingBackToTheAwsRegion() {
    Config c =
        load(
            "loglake.aws.region = eu-west-1\n"
                + "loglake.alb.delivery { enabled = true, presign-expiry = 12h,"
                + " sns-topic-arn = \"arn:aws:sns:eu-west-1:123456789012:alb\","
                + " s3-endpoint = \"http://127.0.0.1:9090\", s3-path-style = true,"
                + " fail-on-notify-error = true, presign-secret = loglake/report-link }\n"
                + "loglake.aws.secretsmanager-endpoint = \"http://127.0.0.1:9091\"");

    assertThat(DeliverySettings.from(c))
        .isEqualTo(
            new DeliverySettings(
                true,
                Duration.ofHours(12),
                Optional.of("arn:aws:sns:eu-west-1:123456789012:alb"),
                Optional.of("eu-west-1"),
                Optional.of(URI.create("http://127.0.0.1:9090")),
                Optional.empty(),
                true,
                true,
                Optional.of("loglake/report-link"),
                Optional.of(URI.create("http://127.0.0.1:9091"))));
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> DeliverySettings.from(load("loglake.alb.delivery.presign-expiry = 8d")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.delivery.presign-expiry");
    assertThatThrownBy(() -> DeliverySettings.from(load("loglake.alb.delivery.sns-topic-arn = alb")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.delivery.sns-topic-arn");
    assertThatThrownBy(() -> DeliverySettings.from(load("loglake.alb.delivery.sns-endpoint = \"::\"")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.delivery.sns-endpoint");
    assertThatThrownBy(() -> ReportSettings.from(load("loglake.alb.report.write-attempts = 0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.report.write-attempts");
  }
}
