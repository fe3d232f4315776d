package dev.loglake.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.LocalS3;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Delivery against S3Mock (in-process) for S3 and a local HTTP stub for SNS, with the real SDK. */
class ReportDeliveryTest {

  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:alb-reports";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));
  private static final Retry NO_WAIT = new Retry(3, Duration.ofMillis(1), d -> {});

  private static LocalS3 s3;
  private static SnsStub sns;

  @BeforeAll
  static void start(@TempDir Path root) throws IOException {
    s3 = LocalS3.start(root, "reports");
    sns = new SnsStub();
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (sns != null) {
      sns.close();
    }
  }

  private static URI s3Endpoint() {
    return URI.create(s3.endpoint());
  }

  private static Configuration s3a() {
    Configuration c = new Configuration();
    s3.configureS3a(c);
    return c;
  }

  private static DeliverySettings delivery(Optional<String> topic) {
    return new DeliverySettings(
        true,
        Duration.ofHours(12),
        topic,
        Optional.of("eu-west-1"),
        Optional.of(s3Endpoint()),
        Optional.of(sns.endpoint()),
        true,
        false);
  }

  @Test
  void writesToS3PresignsAWorkingLinkAndPublishesTheMessage() throws IOException {
    StatusReport report = ReportFixture.oneDay();
    List<ReportFile> files = ReportFile.render(report);
    int before = sns.requests().size();

    DeliveryResult result =
        new ReportDelivery(delivery(Optional.of(TOPIC)), NO_WAIT, CREDENTIALS)
            .deliver(s3a(), "s3a://reports/alb-reports", report, files);

    assertThat(result.paths())
        .containsExactly(
            "s3a://reports/alb-reports/alb_api_status_report_2024-05-01.pdf",
            "s3a://reports/alb-reports/alb_api_status_report_2024-05-01.csv",
            "s3a://reports/alb-reports/alb_api_status_report_2024-05-01.json");
    assertThat(result.deliveryError()).isEmpty();
    assertThat(result.messageId()).contains("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
    String link = result.link().orElseThrow();
    assertThat(link)
        .startsWith(s3Endpoint() + "/reports/alb-reports/alb_api_status_report_2024-05-01.pdf?")
        .contains("X-Amz-Expires=43200")
        .contains("X-Amz-Signature=");
    assertThat(download(link)).isEqualTo(files.get(0).bytes());

    List<Map<String, String>> requests = sns.requests();
    assertThat(requests).hasSize(before + 1);
    Map<String, String> publish = requests.get(before);
    assertThat(publish.get("Action")).isEqualTo("Publish");
    assertThat(publish.get("TopicArn")).isEqualTo(TOPIC);
    assertThat(publish.get("Subject")).isEqualTo("Daily ALB API Status Report | 2024-05-01");
    assertThat(publish.get("_authorization"))
        .contains("Credential=test-key/")
        .contains("/eu-west-1/sns/");
    assertThat(publish.get("Message"))
        .isEqualTo(ReportMessage.body(report, result.paths(), result.link()))
        .contains("Requests: 1,340,832")
        .contains("orders: 10.00% errors (500 5xx of 5,000 requests)")
        .contains("No traffic at all: billing")
        .contains("Report (PDF): " + link);
  }

  @Test
  void failedPublishIsReportedAndTheFilesAreStillWritten(@TempDir Path dir) {
    sns.failWith(403);
    try {
      DeliveryResult result =
          new ReportDelivery(delivery(Optional.of(TOPIC)), NO_WAIT, CREDENTIALS)
              .deliver(
                  new Configuration(),
                  dir.toString(),
                  ReportFixture.oneDay(),
                  ReportFile.render(ReportFixture.oneDay()));

      assertThat(result.deliveryError().orElseThrow())
          .contains("SNS publish to " + TOPIC + " failed")
          .contains("not authorized");
      assertThat(result.messageId()).isEmpty();
      assertThat(result.link()).as("no link for a local folder").isEmpty();
      assertThat(dir.resolve("alb_api_status_report_2024-05-01.pdf")).isNotEmptyFile();
    } finally {
      sns.failWith(0);
    }
  }

  @Test
  void deliveryOffOnlyWritesTheFiles(@TempDir Path dir) throws IOException {
    int before = sns.requests().size();
    List<ReportFile> files = ReportFile.render(ReportFixture.oneDay());

    DeliveryResult result =
        new ReportDelivery(DeliverySettings.disabled(), NO_WAIT, CREDENTIALS)
            .deliver(new Configuration(), dir.toString(), ReportFixture.oneDay(), files);

    assertThat(result)
        .isEqualTo(
            new DeliveryResult(
                files.stream().map(f -> dir.resolve(f.name()).toString()).toList(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    assertThat(Files.readAllBytes(dir.resolve(files.get(1).name())))
        .isEqualTo(files.get(1).bytes());
    assertThat(sns.requests()).hasSize(before);
  }

  private static byte[] download(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    try (InputStream in = c.getInputStream()) {
      assertThat(c.getResponseCode()).isEqualTo(200);
      return in.readAllBytes();
    } finally {
      c.disconnect();
    }
  }
}
