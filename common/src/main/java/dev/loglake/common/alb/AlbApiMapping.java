package dev.loglake.common.alb;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which API a request belongs to, from the target group in its {@code target_group_arn} ({@code
 * ...:targetgroup/<name>/<id>}):
 *
 * <ol>
 *   <li>no target group (redirect, fixed-response, rejected by the load balancer): {@value
 *       #LOAD_BALANCER};
 *   <li>else the first rule whose {@code match} regex is found in the target group name (anchor it,
 *       {@code ^...$}, for a whole-name match), in config order;
 *   <li>else {@value #OTHER} when {@code only-listed-apis}, otherwise the target group name without
 *       a trailing {@code -tg}.
 * </ol>
 *
 * {@link dev.loglake.common.silver.SilverAlb#enrich} applies the same rules as Spark columns;
 * {@link #apiOf} is the plain-Java statement of them.
 *
 * @param rules ordered rules from {@code loglake.alb.apis}
 * @param onlyListedApis {@code loglake.alb.only-listed-apis}
 * @param errorRateThreshold {@code loglake.alb.error-rate-threshold}: a fraction in [0, 1]
 */
public record AlbApiMapping(
    List<ApiRule> rules, boolean onlyListedApis, double errorRateThreshold)
    implements java.io.Serializable {

  public static final String LOAD_BALANCER = "(load balancer)";
  public static final String OTHER = "(other)";
  public static final String APIS_KEY = "loglake.alb.apis";
  public static final String ONLY_LISTED_KEY = "loglake.alb.only-listed-apis";
  public static final String THRESHOLD_KEY = "loglake.alb.error-rate-threshold";

  /** The regex that takes the target group name out of its ARN. */
  public static final String TARGET_GROUP_NAME_REGEX = ":targetgroup/([^/]+)";

  private static final Pattern TARGET_GROUP_NAME = Pattern.compile(TARGET_GROUP_NAME_REGEX);

  /** One rule: requests of target groups whose name matches {@code match} are API {@code name}. */
  public record ApiRule(String name, Pattern match) implements java.io.Serializable {

    public ApiRule {
      if (name == null || name.isBlank() || name.equals(LOAD_BALANCER) || name.equals(OTHER)) {
        throw EtlErrors.badValue(
            APIS_KEY, name, "an API name that is not blank, (load balancer) or (other)");
      }
    }

    public static ApiRule of(String name, String regex) {
      return new ApiRule(name, Pattern.compile(regex));
    }
  }

  public AlbApiMapping {
    rules = List.copyOf(rules);
    if (!(errorRateThreshold >= 0.0 && errorRateThreshold <= 1.0)) {
      throw EtlErrors.badValue(
          THRESHOLD_KEY, errorRateThreshold, "a fraction between 0 and 1, e.g. 0.05 for 5%");
    }
  }

  /** No rules, every target group is its own API, threshold 5%. */
  public static AlbApiMapping defaults() {
    return new AlbApiMapping(List.of(), false, 0.05);
  }

  /** Reads and validates {@code loglake.alb.*}; a bad value fails naming its key. */
  public static AlbApiMapping from(Config c) {
    return new AlbApiMapping(
        rules(c), Configs.booleanValue(c, ONLY_LISTED_KEY), Configs.doubleValue(c, THRESHOLD_KEY));
  }

  /** The APIs named in the rules, in config order, each once: they appear in every report. */
  public List<String> listedApis() {
    Set<String> names = new LinkedHashSet<>();
    rules.forEach(r -> names.add(r.name()));
    return List.copyOf(names);
  }

  /** The API of a request whose {@code target_group_arn} is {@code arn} (null when none). */
  public String apiOf(String arn) {
    Optional<String> group = targetGroupName(arn);
    if (group.isEmpty()) {
      return LOAD_BALANCER;
    }
    for (ApiRule rule : rules) {
      if (rule.match().matcher(group.get()).find()) {
        return rule.name();
      }
    }
    return onlyListedApis ? OTHER : withoutTgSuffix(group.get());
  }

  /** The target group name of an ARN; the whole value when it is not a target group ARN. */
  public static Optional<String> targetGroupName(String arn) {
    if (arn == null || arn.isEmpty() || arn.equals("-")) {
      return Optional.empty();
    }
    Matcher m = TARGET_GROUP_NAME.matcher(arn);
    return Optional.of(m.find() ? m.group(1) : arn);
  }

  /** {@code payments-tg} is API {@code payments}; a name that is only {@code -tg} stays as is. */
  public static String withoutTgSuffix(String group) {
    return group.length() > 3 && group.endsWith("-tg")
        ? group.substring(0, group.length() - 3)
        : group;
  }

  private static List<ApiRule> rules(Config c) {
    List<? extends Config> entries;
    try {
      entries = c.hasPath(APIS_KEY) ? c.getConfigList(APIS_KEY) : List.of();
    } catch (ConfigException.WrongType e) {
      throw EtlErrors.badValue(APIS_KEY, c.getValue(APIS_KEY).unwrapped(), RULE_SHAPE);
    }
    List<ApiRule> rules = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      rules.add(rule(entries.get(i), APIS_KEY + "[" + i + "]"));
    }
    return rules;
  }

  private static ApiRule rule(Config entry, String where) {
    Set<String> unknown = new LinkedHashSet<>(entry.root().keySet());
    unknown.removeAll(Set.of("name", "match"));
    if (!unknown.isEmpty()) {
      throw EtlErrors.unknownKeys(unknown.stream().map(k -> where + "." + k).toList(), APIS_KEY);
    }
    if (!entry.hasPath("name") || !entry.hasPath("match")) {
      throw EtlErrors.badValue(where, entry.root().unwrapped(), RULE_SHAPE);
    }
    String regex = entry.getString("match");
    try {
      return new ApiRule(entry.getString("name"), Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      throw EtlErrors.badValue(
          where + ".match", regex, "a Java regular expression (" + e.getDescription() + ")");
    }
  }

  private static final String RULE_SHAPE =
      "a list of { name = \"payments\", match = \"^payments-(blue|green)-tg$\" } entries";
}
