package dev.loglake.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.testing.LocalS3;
import dev.loglake.common.testing.SecretsManagerStub;
import dev.loglake.common.testing.SnsStub;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Delivery against S3Mock (in-process) for S3 and a local HTTP stub for SNS, with the real SDK. */
class ReportDeliveryTest {

  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:alb-reports";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret"));
  private static final Retry NO_WAIT = new Retry(3, Duration.ofMillis(1), d -> {});
  private static final Clock UTC = Clock.systemUTC();
  /** The files of the 7-day-link tests, rendered once (a PDF's bytes differ between renders). */
  private static final List<ReportFile> WEEK_FILES = ReportFile.render(ReportFixture.oneDay());
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
    return delivery(topic, Duration.ofHours(12), Optional.empty(), Optional.empty());
  }

  private static DeliverySettings delivery(
      Optional<String> topic,
      Duration expiry,
      Optional<String> presignSecret,
      Optional<URI> secretsManager) {
    return new DeliverySettings(
        true,
        expiry,
        topic,
        Optional.of("eu-west-1"),
        Optional.of(s3Endpoint()),
        Optional.of(sns.endpoint()),
        true,
        false,
        presignSecret,
        secretsManager);
  }

  @Test
  void writesToS3PresignsAWorkingLinkAndPublishesTheMessage() throws IOException {
    StatusReport report = ReportFixture.oneDay();
    List<ReportFile> files = ReportFile.render(report);
    int before = sns.requests().size();

    DeliveryResult result =
        new ReportDelivery(delivery(Optional.of(TOPIC)), NO_WAIT, CREDENTIALS, UTC)
            .deliver(s3a(), "s3a://reports/alb-reports", report, files);

    assertThat(result.paths())
        .containsExactly(
            "s3a://reports/alb-reports/alb_api_status_report_2024-05-01.pdf",
            "s3a://reports/alb-reports/alb_api_status_report_2024-05-01.csv",
            "s3a://reports/alb-reports/alb_api_status_report_2024-05-01.json");
    assertThat(result.deliveryError()).isEmpty();
    assertThat(result.messageId()).contains("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
    String link = result.link().orElseThrow().url();
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

  // A presigned URL lives no longer than the credentials that signed it: "If you created a presigned
  // URL using a temporary token, then the URL expires when the token expires"
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/ShareObjectPreSignedURL.html, and
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html#PresignedUrl-Expiration).
  // S3Mock does not check signatures: the downloads show the URLs address the PDF; the query
  // parameters show what AWS would enforce.

  @Test
  void sessionCredentialsCapTheLinkAtTheirExpiryLessTheMargin() throws IOException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant sessionEnds = now.plus(Duration.ofHours(1));
    int before = sns.requests().size();

    DeliveryResult result =
        deliverWeekLongLink("capped", session(Optional.of(sessionEnds)), now, Optional.empty());

    ReportLink link = result.link().orElseThrow();
    Map<String, String> q = query(link.url());
    // One hour of session less the 5-minute safety margin.
    assertThat(q.get("X-Amz-Expires")).isEqualTo("3300");
    assertThat(q.get("X-Amz-Credential")).startsWith("ASIAROLESESSION/");
    assertThat(q.get("X-Amz-Security-Token")).isEqualTo("role-token");
    Instant signed = signedAt(q);
    assertThat(signed).isBetween(now, now.plusSeconds(60));
    assertThat(link.expiresAt()).isEqualTo(signed.plusSeconds(3300)).isBefore(sessionEnds);
    assertThat(link.expiry())
        .isEqualTo(
            new LinkExpiry(
                Duration.ofDays(7),
                Duration.ofMinutes(55),
                LinkExpiry.Limit.CAPPED_BY_CREDENTIALS,
                Optional.of(sessionEnds)));
    assertThat(download(link.url())).isEqualTo(WEEK_FILES.get(0).bytes());
    assertThat(sns.requests().get(before).get("Message"))
        .contains(
            "Report (PDF): "
                + link.url()
                + "\nThe link works until "
                + MINUTE.format(signed.plusSeconds(3300))
                + " (55 minutes), not the configured 7 days: it was capped by the temporary"
                + " credentials that signed it, which expire at "
                + MINUTE.format(sessionEnds)
                + ".\nFor a link that lasts 7 days, configure loglake.alb.delivery.presign-secret"
                + " (README: On AWS, the report link).\nFiles:\n");
  }

  @Test
  void configuredSecretSignsWithItsAccessKeyForTheConfiguredSevenDays() throws IOException {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:loglake/report-link-AbCdEf";
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    int before = sns.requests().size();
    try (SecretsManagerStub secrets =
        new SecretsManagerStub(
            Map.of(
                arn, "{\"accessKeyId\":\"AKIAREPORTLINK\",\"secretAccessKey\":\"link-secret\"}"))) {

      DeliveryResult result =
          deliverWeekLongLink(
              "secret",
              session(Optional.of(now.plus(Duration.ofHours(1)))),
              now,
              Optional.of(secrets));

      ReportLink link = result.link().orElseThrow();
      Map<String, String> q = query(link.url());
      assertThat(q.get("X-Amz-Expires")).isEqualTo("604800");
      assertThat(q.get("X-Amz-Credential"))
          .matches("AKIAREPORTLINK/\\d{8}/eu-west-1/s3/aws4_request");
      assertThat(q).doesNotContainKey("X-Amz-Security-Token");
      assertThat(link.expiresAt()).isEqualTo(signedAt(q).plus(Duration.ofDays(7)));
      assertThat(link.expiry())
          .isEqualTo(
              new LinkExpiry(
                  Duration.ofDays(7),
                  Duration.ofDays(7),
                  LinkExpiry.Limit.CONFIGURED,
                  Optional.empty()));
      assertThat(download(link.url())).isEqualTo(WEEK_FILES.get(0).bytes());
      // The job's own (session) credentials read the secret.
      assertThat(secrets.requests())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.target()).isEqualTo("secretsmanager.GetSecretValue");
                assertThat(r.secretId()).isEqualTo(arn);
                assertThat(r.authorization())
                    .contains("Credential=ASIAROLESESSION/")
                    .contains("/eu-west-1/secretsmanager/");
              });
      assertThat(sns.requests().get(before).get("Message"))
          .contains(
              "Report (PDF): "
                  + link.url()
                  + "\nThe link works until "
                  + MINUTE.format(link.expiresAt())
                  + ".\nFiles:\n");
    }
  }

  @Test
  void longLivedCredentialsWithoutExpiryKeepTheConfiguredExpiry() throws IOException {
    DeliveryResult result =
        deliverWeekLongLink("long-lived", CREDENTIALS, Instant.now(), Optional.empty());

    ReportLink link = result.link().orElseThrow();
    Map<String, String> q = query(link.url());
    assertThat(q.get("X-Amz-Expires")).isEqualTo("604800");
    assertThat(link.expiresAt()).isEqualTo(signedAt(q).plus(Duration.ofDays(7)));
    assertThat(link.expiry().limit()).isEqualTo(LinkExpiry.Limit.CONFIGURED);
    assertThat(download(link.url())).isEqualTo(WEEK_FILES.get(0).bytes());
  }

  @Test
  void sessionCredentialsOfUnknownExpiryKeepTheConfiguredExpiryAndTheMessageSaysSo() {
    int before = sns.requests().size();

    DeliveryResult result =
        deliverWeekLongLink("unknown", session(Optional.empty()), Instant.now(), Optional.empty());

    ReportLink link = result.link().orElseThrow();
    assertThat(query(link.url()).get("X-Amz-Expires")).isEqualTo("604800");
    assertThat(link.expiry().limit()).isEqualTo(LinkExpiry.Limit.CREDENTIALS_EXPIRY_UNKNOWN);
    assertThat(sns.requests().get(before).get("Message"))
        .contains(
            "\nThe link works until "
                + MINUTE.format(link.expiresAt())
                + " at the latest: it was signed with temporary credentials whose expiry is"
                + " unknown, and it stops working when they expire, possibly much sooner.\n"
                + "For a link that lasts 7 days, configure loglake.alb.delivery.presign-secret");
  }

  @Test
  void secretThatIsNotAnAccessKeyIsADeliveryErrorThatNamesTheKeyButNotTheValue()
      throws IOException {
    String secret = "loglake/report-link";
    try (SecretsManagerStub secrets =
        new SecretsManagerStub(Map.of(secret, "AKIAREPORTLINK link-secret"))) {
      DeliveryResult result =
          deliverWeekLongLink("bad-secret", CREDENTIALS, Instant.now(), Optional.of(secrets));

      assertThat(result.link()).isEmpty();
      assertThat(result.deliveryError().orElseThrow())
          .contains("loglake.alb.delivery.presign-secret")
          .contains(secret)
          .contains("is not a JSON object")
          .doesNotContain("AKIAREPORTLINK")
          .doesNotContain("link-secret");
    }
  }

  @Test
  void failedPublishIsReportedAndTheFilesAreStillWritten(@TempDir Path dir) {
    sns.failWith(403);
    try {
      DeliveryResult result =
          new ReportDelivery(delivery(Optional.of(TOPIC)), NO_WAIT, CREDENTIALS, UTC)
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
        new ReportDelivery(DeliverySettings.disabled(), NO_WAIT, CREDENTIALS, UTC)
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

  /**
   * Delivers the one-day report to {@code s3a://reports/<dir>} with a 7-day link and a message,
   * signed with {@code platform}'s credentials or, given {@code secrets}, its only secret's key.
   */
  private static DeliveryResult deliverWeekLongLink(
      String dir, AwsCredentialsProvider platform, Instant now, Optional<SecretsManagerStub> secrets) {
    DeliverySettings settings =
        delivery(
            Optional.of(TOPIC),
            Duration.ofDays(7),
            secrets.map(st -> st.secretIds().iterator().next()),
            secrets.map(SecretsManagerStub::endpoint));
    return new ReportDelivery(settings, NO_WAIT, platform, Clock.fixed(now, ZoneOffset.UTC))
        .deliver(s3a(), "s3a://reports/" + dir, ReportFixture.oneDay(), WEEK_FILES);
  }

  /** A role session's credentials, as Glue and EMR give a job, expiring at {@code expiry}. */
  private static StaticCredentialsProvider session(Optional<Instant> expiry) {
    AwsSessionCredentials.Builder b =
        AwsSessionCredentials.builder()
            .accessKeyId("ASIAROLESESSION")
            .secretAccessKey("role-secret")
            .sessionToken("role-token");
    expiry.ifPresent(b::expirationTime);
    return StaticCredentialsProvider.create(b.build());
  }

  /** The decoded query parameters of {@code url}. */
  private static Map<String, String> query(String url) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  /** X-Amz-Date, the signing time ({@code 20240501T060000Z}). */
  private static Instant signedAt(Map<String, String> q) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX")
        .parse(q.get("X-Amz-Date"), Instant::from);
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
