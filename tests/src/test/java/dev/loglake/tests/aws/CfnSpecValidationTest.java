package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.tests.aws.CfnSpec.Property;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * scripts/aws/*.yaml against the pinned CloudFormation resource specification, and the validator
 * against deliberately broken copies of the real template (built in memory). The broken copies pick
 * their victim by what the specification says (the first resource with a required property, the
 * first nested property type, ...), not by name, so they keep working as the template changes.
 */
class CfnSpecValidationTest {

  private static final CfnSpec SPEC = CfnSpec.load();
  private static final String MAIN = "loglake.yaml";

  @ParameterizedTest
  @ValueSource(strings = {"loglake.yaml", "artifacts.yaml"})
  void everyResourceMatchesTheCloudFormationSpecification(String file) {
    CfnTemplate t = CfnTemplate.load(file);

    assertThat(CfnSpecValidator.problems(SPEC, t)).isEmpty();
    assertThat(SPEC.resourceTypes()).as("the vendored types cover the template")
        .containsAll(t.resources().values().stream().map(r -> (String) Json.map(r, file).get("Type")).toList());
  }

  @Test
  void vendoredSpecificationKeepsRequiredFlagsAndAttributes() {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html:
    // AssumeRolePolicyDocument is required; Fn::GetAtt returns Arn and RoleId.
    assertThat(SPEC.resourceProperties("AWS::IAM::Role").get("AssumeRolePolicyDocument").required()).isTrue();
    assertThat(SPEC.resourceProperties("AWS::IAM::Role").get("RoleName").required()).isFalse();
    assertThat(SPEC.attributes("AWS::IAM::Role")).contains("Arn", "RoleId");
    // aws-resource-glue-table.html: CatalogId and DatabaseName are required (TableInput is not since
    // OpenTableFormatInput can stand in for it).
    assertThat(SPEC.resourceProperties("AWS::Glue::Table")).hasEntrySatisfying("CatalogId", p -> assertThat(p.required()).isTrue())
        .hasEntrySatisfying("DatabaseName", p -> assertThat(p.required()).isTrue())
        .hasEntrySatisfying("TableInput", p -> assertThat(p.required()).isFalse());
  }

  @Test
  void misspeltPropertyIsReportedWithTheRightName() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    Victim v = firstProperty(t, (name, p) -> true);
    Map<String, Object> props = v.properties();
    props.put(v.name() + "x", props.remove(v.name()));

    assertThat(CfnSpecValidator.problems(SPEC, t)).anySatisfy(p -> assertThat(p)
        .contains("Resources." + v.id() + ".Properties." + v.name() + "x: no such property in " + v.type())
        .contains("did you mean " + v.name() + "?"));
  }

  @Test
  void missingRequiredPropertyIsReported() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    Victim v = firstProperty(t, (name, p) -> p.required());
    v.properties().remove(v.name());

    assertThat(CfnSpecValidator.problems(SPEC, t))
        .contains(MAIN + ": Resources." + v.id() + ".Properties: missing required property " + v.name() + " of " + v.type());
  }

  @Test
  void misspeltNestedPropertyIsReported() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    Victim v = firstProperty(t, (name, p) -> p.primitiveType() == null && p.type() != null
        && !p.type().equals("List") && !p.type().equals("Map"));
    Map<String, Object> nested = Json.map(v.properties().get(v.name()), v.name());
    String key = nested.keySet().iterator().next();
    nested.put(key + "x", nested.remove(key));

    assertThat(CfnSpecValidator.problems(SPEC, t)).anySatisfy(p -> assertThat(p)
        .startsWith(MAIN + ": Resources." + v.id() + ".Properties." + v.name() + "." + key + "x: no such property"));
  }

  @Test
  void wrongValueShapesAreReported() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    Victim list = firstProperty(t, (name, p) -> "List".equals(p.type()));
    list.properties().put(list.name(), "one-string");
    Victim number = firstProperty(t, (name, p) -> "Integer".equals(p.primitiveType()) || "Double".equals(p.primitiveType()));
    number.properties().put(number.name(), "ninety");

    assertThat(CfnSpecValidator.problems(SPEC, t)).contains(
        MAIN + ": Resources." + list.id() + ".Properties." + list.name() + ": expected a list, got String 'one-string'",
        MAIN + ": Resources." + number.id() + ".Properties." + number.name() + ": expected "
            + number.property().primitiveType() + ", got String 'ninety'");
  }

  @Test
  void getAttOfAnUnknownAttributeIsReportedInBothForms() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    String id = t.resources().keySet().stream()
        .filter(r -> SPEC.attributes(t.typeOf(r)).contains("Arn")).findFirst().orElseThrow();
    Map<String, Object> outputs = Json.map(t.root().get("Outputs"), "Outputs");
    outputs.put("Broken", Map.of("Value", Map.of("Fn::GetAtt", List.of(id, "Arnn"))));
    outputs.put("BrokenSub", Map.of("Value", Map.of("Fn::Sub", "s3://${" + id + ".Nmae}/")));

    assertThat(CfnSpecValidator.problems(SPEC, t)).anySatisfy(p -> assertThat(p)
            .startsWith(MAIN + ": Outputs.Broken.Value: GetAtt " + id + ".Arnn: " + t.typeOf(id) + " has no attribute Arnn (did you mean Arn?)"))
        .anySatisfy(p -> assertThat(p).startsWith(MAIN + ": Outputs.BrokenSub.Value: GetAtt " + id + ".Nmae: "));
  }

  @Test
  void unknownTypeAndResourceAttributeAreReported() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    String first = t.resources().keySet().iterator().next();
    Map<String, Object> res = Json.map(t.resources().get(first), first);
    String type = (String) res.get("Type");
    res.put("Type", type + "s");
    res.put("DependOn", "Anything");
    res.put("DeletionPolicy", "Keep");

    assertThat(CfnSpecValidator.problems(SPEC, t)).anySatisfy(p -> assertThat(p)
            .startsWith(MAIN + ": Resources." + first + ".Type: " + type + "s is not in the pinned CloudFormation specification"))
        .anySatisfy(p -> assertThat(p).startsWith(MAIN + ": Resources." + first + ".DependOn: not a resource attribute (did you mean DependsOn?)"))
        .anySatisfy(p -> assertThat(p).startsWith(MAIN + ": Resources." + first + ".DeletionPolicy: 'Keep' is not one of"));
  }

  @Test
  void bothBranchesOfAnIfAreChecked() {
    CfnTemplate t = CfnTemplate.load(MAIN);
    Victim v = firstProperty(t, (name, p) -> p.primitiveType() == null && p.type() != null
        && !p.type().equals("List") && !p.type().equals("Map"));
    String condition = t.conditions().keySet().iterator().next();
    Object good = v.properties().get(v.name());
    Map<String, Object> bad = new LinkedHashMap<>(Json.map(good, v.name()));
    bad.put("NotAProperty", "x");
    v.properties().put(v.name(), Map.of("Fn::If", List.of(condition, good, bad)));

    assertThat(CfnSpecValidator.problems(SPEC, t)).singleElement().asString()
        .startsWith(MAIN + ": Resources." + v.id() + ".Properties." + v.name() + ".NotAProperty: no such property");
  }

  /** The first resource property (in template order) whose specification matches, not built by an intrinsic. */
  private static Victim firstProperty(CfnTemplate t, BiPredicate<String, Property> wanted) {
    for (Map.Entry<String, Object> r : t.resources().entrySet()) {
      Map<String, Object> res = Json.map(r.getValue(), r.getKey());
      String type = (String) res.get("Type");
      if (!res.containsKey("Properties") || !SPEC.hasResourceType(type)) {
        continue;
      }
      Map<String, Object> props = Json.map(res.get("Properties"), r.getKey());
      Map<String, Property> spec = SPEC.resourceProperties(type);
      for (Map.Entry<String, Object> p : props.entrySet()) {
        Property ps = spec.get(p.getKey());
        if (ps != null && wanted.test(p.getKey(), ps) && !CfnSpecValidator.isIntrinsic(p.getValue())) {
          return new Victim(r.getKey(), type, props, p.getKey(), ps);
        }
      }
    }
    throw new AssertionError("no property fits in " + t.file());
  }

  private record Victim(String id, String type, Map<String, Object> properties, String name, Property property) {}
}
