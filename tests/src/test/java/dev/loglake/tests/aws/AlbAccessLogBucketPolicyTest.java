package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The raw bucket's policy lets ALB access logs in, in every Region. From "Enable access logs for
 * your Application Load Balancer", Step 2
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html):
 * AWS recommends the log delivery service principal in every Region; the legacy policy, which names
 * the Region's Elastic Load Balancing account, is still supported in the Regions the page lists, and
 * the Regions not in that list never supported it. A missing grant fails silently: nothing arrives.
 */
class AlbAccessLogBucketPolicyTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  private static final String SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com";

  /** Region, and the root of its Elastic Load Balancing account as the page lists it (or none). */
  static Stream<Arguments> regions() {
    return Stream.of(
        arguments("us-east-1", "arn:aws:iam::127311923021:root"),
        arguments("eu-west-1", "arn:aws:iam::156460612806:root"),
        arguments("ap-southeast-1", "arn:aws:iam::114774131450:root"),
        arguments("us-gov-west-1", "arn:aws-us-gov:iam::048591011584:root"),
        // Opened from August 2022 on: the service principal only.
        arguments("eu-central-2", null),
        arguments("ap-southeast-4", null),
        arguments("il-central-1", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regions")
  void grantsTheServicePrincipalEverywhereAndTheRegionsElbAccountWhereItHasOne(String region, String elbAccount) {
    Intrinsics in = new Intrinsics(MAIN, Map.of(), region, Intrinsics.STACK);

    Map<String, Object> statement = statement(in, "AlbAccessLogDelivery");

    Map<String, Object> principal = new LinkedHashMap<>();
    if (elbAccount != null) {
      principal.put("AWS", elbAccount);
    }
    principal.put("Service", SERVICE);
    // Only this account's prefix: "Always include the account ID of the account with the load balancer".
    assertThat(statement).isEqualTo(Map.of(
        "Sid", "AlbAccessLogDelivery",
        "Effect", "Allow",
        "Principal", principal,
        "Action", "s3:PutObject",
        "Resource", "arn:" + in.partition() + ":s3:::" + in.ref("RawBucket") + "/AWSLogs/" + Intrinsics.ACCOUNT + "/*"));
  }

  @Test
  void aRegionOpenedAfterTheTemplateStillGetsTheServicePrincipal() {
    Intrinsics in = new Intrinsics(MAIN, Map.of(), "xx-future-1", Intrinsics.STACK);

    assertThat(Json.map(statement(in, "AlbAccessLogDelivery").get("Principal"), "Principal"))
        .isEqualTo(Map.of("Service", SERVICE));
  }

  @Test
  void defaultValuesOfFindInMapComeWithTheLanguageExtensionsTransform() {
    // DefaultValue exists only under AWS::LanguageExtensions; without it the stack fails to deploy
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-findinmap-enhancements.html).
    List<Object> withDefault = new ArrayList<>();
    collectFindInMapWithDefault(MAIN.root(), withDefault);

    assertThat(withDefault).isNotEmpty();
    assertThat(Json.oneOrMany(MAIN.root().get("Transform"))).contains("AWS::LanguageExtensions");
  }

  private static Map<String, Object> statement(Intrinsics in, String sid) {
    Map<String, Object> policy = MAIN.resourcesOfType("AWS::S3::BucketPolicy").get("RawBucketPolicy");
    assertThat(in.resolve(policy.get("Bucket"))).isEqualTo(in.ref("RawBucket"));
    Map<String, Object> doc = Json.map(in.render(policy.get("PolicyDocument")), "PolicyDocument");
    for (Object s : Json.list(doc.get("Statement"), "Statement")) {
      if (sid.equals(Json.map(s, "statement").get("Sid"))) {
        return Json.map(s, sid);
      }
    }
    throw new AssertionError("RawBucketPolicy has no statement " + sid);
  }

  private static void collectFindInMapWithDefault(Object node, List<Object> out) {
    if (node instanceof List<?> l) {
      l.forEach(o -> collectFindInMapWithDefault(o, out));
    } else if (node instanceof Map<?, ?> m) {
      Object fn = m.get("Fn::FindInMap");
      if (m.size() == 1 && fn instanceof List<?> args && args.size() == 4) {
        out.add(fn);
      }
      m.values().forEach(v -> collectFindInMapWithDefault(v, out));
    }
  }
}
