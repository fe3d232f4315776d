package dev.loglake.common.alb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.AlbRequests;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbApiMappingTest {

  private static AlbApiMapping load(String hocon) {
    Config c =
        ConfigFactory.parseString(hocon)
            .withFallback(ConfigFactory.parseResources("reference.conf"))
            .resolve();
    return AlbApiMapping.from(c);
  }

  private static final String RULES =
      "loglake.alb.apis = [\n"
          + "  { name = payments, match = \"^payments-(blue|green)-tg$\" }\n"
          + "  { name = search, match = \"^search\" }\n"
          + "  { name = payments, match = \"^pay-legacy$\" }\n"
          + "  { name = billing, match = \"^billing-tg$\" }\n"
          + "]";

  @Test
  void readsDefaultsFromReferenceConf() {
    AlbApiMapping mapping = load("");

    assertThat(mapping.rules()).isEmpty();
    assertThat(mapping.onlyListedApis()).isFalse();
    assertThat(mapping.errorRateThreshold()).isEqualTo(0.05);
  }

  @Test
  void mapsByFirstMatchingRuleInConfigOrder() {
    AlbApiMapping mapping = load(RULES);

    assertThat(mapping.apiOf(AlbRequests.arn("payments-green-tg"))).isEqualTo("payments");
    assertThat(mapping.apiOf(AlbRequests.arn("pay-legacy"))).isEqualTo("payments");
    assertThat(mapping.apiOf(AlbRequests.arn("search-v2-tg"))).isEqualTo("search");
    assertThat(mapping.listedApis()).containsExactly("payments", "search", "billing");
  }

  @Test
  void unmatchedTargetGroupIsItsNameWithoutTgSuffix() {
    AlbApiMapping mapping = load(RULES);

    assertThat(mapping.apiOf(AlbRequests.arn("orders-tg"))).isEqualTo("orders");
    assertThat(mapping.apiOf(AlbRequests.arn("payments-red-tg"))).isEqualTo("payments-red");
    assertThat(mapping.apiOf(AlbRequests.arn("inventory"))).isEqualTo("inventory");
    assertThat(mapping.apiOf(AlbRequests.arn("-tg"))).isEqualTo("-tg");
  }

  @Test
  void requestWithoutTargetGroupIsTheLoadBalancers() {
    AlbApiMapping mapping = load(RULES);

    assertThat(mapping.apiOf(null)).isEqualTo(AlbApiMapping.LOAD_BALANCER);
    assertThat(mapping.apiOf("-")).isEqualTo(AlbApiMapping.LOAD_BALANCER);
  }

  @Test
  void onlyListedApisFoldsTheRestIntoOther() {
    AlbApiMapping mapping = load(RULES + "\nloglake.alb.only-listed-apis = true");

    assertThat(mapping.apiOf(AlbRequests.arn("orders-tg"))).isEqualTo(AlbApiMapping.OTHER);
    assertThat(mapping.apiOf(AlbRequests.arn("payments-blue-tg"))).isEqualTo("payments");
    assertThat(mapping.apiOf(null)).isEqualTo(AlbApiMapping.LOAD_BALANCER);
  }

  @Test
  void targetGroupNameComesFromTheArn() {
    assertThat(AlbApiMapping.targetGroupName(AlbRequests.arn("a-b-tg"))).contains("a-b-tg");
    assertThat(AlbApiMapping.targetGroupName("not-an-arn")).contains("not-an-arn");
    assertThat(AlbApiMapping.targetGroupName(null)).isEmpty();
  }

  @Test
  void badRegexNamesTheKeyAndTheProblem() {
    assertThatThrownBy(() -> load("loglake.alb.apis = [{ name = a, match = \"^(unclosed\" }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.apis[0].match")
        .hasMessageContaining("^(unclosed")
        .hasMessageContaining("regular expression");
  }

  @Test
  void ruleWithoutMatchOrWithUnknownKeyIsRejected() {
    assertThatThrownBy(() -> load("loglake.alb.apis = [{ name = a }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.apis[0]");
    assertThatThrownBy(() -> load("loglake.alb.apis = [{ name = a, match = x, regex = y }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.apis[0].regex");
  }

  @Test
  void reservedNameAndBadThresholdAreRejected() {
    assertThatThrownBy(() -> load("loglake.alb.apis = [{ name = \"(other)\", match = x }]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.apis");
    assertThatThrownBy(() -> load("loglake.alb.error-rate-threshold = 5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.error-rate-threshold");
    assertThatThrownBy(() -> load("loglake.alb.apis = \"payments\""))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("loglake.alb.apis");
  }

  @Test
  void listedApisKeepFirstOccurrenceOrder() {
    AlbApiMapping mapping =
        new AlbApiMapping(
            List.of(
                AlbApiMapping.ApiRule.of("b", "x"),
                AlbApiMapping.ApiRule.of("a", "y"),
                AlbApiMapping.ApiRule.of("b", "z")),
            false,
            0.1);

    assertThat(mapping.listedApis()).containsExactly("b", "a");
  }
}
