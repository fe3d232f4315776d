package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loglake.common.catalog.GlueCatalogSettings;
import dev.loglake.common.catalog.LakeCatalog;
import dev.loglake.jobs.core.EtlJob;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Athena reads the tables the jobs register with no manual step: the jobs register through the Glue
 * API on AWS, their roles may do so in their own databases only, and the saved queries only read.
 */
class AthenaCatalogTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  private static final String GLUE_ARN = "arn:aws:glue:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":";
  private static final List<String> TABLE_ACTIONS = List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable");

  /** One Allow statement of a role (inline or attached managed policy), resolved. */
  record Statement(List<String> actions, List<String> resources) {}

  @Test
  void glueJobsRegisterThroughTheGlueApiInTheStacksRegion() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    MAIN.resourcesOfType("AWS::Glue::Job").forEach((id, p) -> {
      Map<String, String> arguments = new LinkedHashMap<>();
      Json.map(p.get("DefaultArguments"), id).forEach((k, v) -> {
        String value = in.resolve(v);
        if (value != null) { // AWS::NoValue drops the argument
          arguments.put(k, value);
        }
      });
      EtlJob<?> job = JobArgVectors.jobOfClass(arguments.get("--class"));

      JobArgVectors.Loaded loaded = JobArgVectors.load(job, JobArgVectors.flatten(arguments));

      assertThat(GlueCatalogSettings.from(loaded.etl().config())).as(id)
          .isEqualTo(new GlueCatalogSettings(true, Optional.empty(), Optional.of(Intrinsics.REGION)));
    });
  }

  /**
   * Glue authorizes a table action against the catalog, the database and the table ARN
   * (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html): a job's role
   * needs all three for GetTable, CreateTable and UpdateTable in each database its job writes, and
   * may create or update tables nowhere else.
   */
  @Test
  void eachJobRoleMayGetCreateAndUpdateTablesOnlyInTheDatabasesItsJobWrites() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    List<String> missing = new ArrayList<>();
    List<String> beyond = new ArrayList<>();
    MAIN.resourcesOfType("AWS::Glue::Job").forEach((id, p) -> {
      EtlJob<?> job = JobArgVectors.jobOfClass(in.resolve(Json.map(p.get("DefaultArguments"), id).get("--class")));
      String role = (String) Json.list(Json.map(p.get("Role"), id).get("Fn::GetAtt"), id).get(0);
      List<Statement> statements = statements(role, in);
      List<String> databases = job.writesZones().stream().map(z -> in.ref(databaseParameter(z))).sorted().toList();
      for (String db : databases) {
        List<String> arns = List.of(GLUE_ARN + "catalog", GLUE_ARN + "database/" + db, GLUE_ARN + "table/" + db + "/t1");
        for (String action : TABLE_ACTIONS) {
          arns.stream().filter(arn -> !allowed(statements, action, arn))
              .forEach(arn -> missing.add(role + ": " + action + " on " + arn));
        }
        arns.subList(0, 2).stream().filter(arn -> !allowed(statements, "glue:GetDatabase", arn))
            .forEach(arn -> missing.add(role + ": glue:GetDatabase on " + arn));
      }
      for (Statement s : statements) {
        if (s.actions().contains("glue:CreateTable") || s.actions().contains("glue:UpdateTable")) {
          s.resources().stream().filter(r -> !r.equals(GLUE_ARN + "catalog")
                  && databases.stream().noneMatch(db -> r.equals(GLUE_ARN + "database/" + db)
                      || r.equals(GLUE_ARN + "table/" + db + "/*")))
              .forEach(r -> beyond.add(role + ": " + r));
        }
      }
    });
    assertThat(missing).isEmpty();
    assertThat(beyond).isEmpty();
  }

  @Test
  void savedQueriesOnlyReadSoTheyWorkRightAfterTheFirstRun() {
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    Map<String, Map<String, Object>> queries = MAIN.resourcesOfType("AWS::Athena::NamedQuery");
    assertThat(queries).isNotEmpty();
    queries.forEach((id, p) -> assertThat(in.resolve(p.get("QueryString")).strip()).as(id)
        .matches(Pattern.compile("(?is)SELECT\\b.*"))
        .doesNotContainPattern(Pattern.compile("(?i)\\b(CREATE|DROP|ALTER|MSCK|INSERT)\\b")));
  }

  private static String databaseParameter(LakeCatalog.Zone zone) {
    return switch (zone) {
      case PROCESSED -> "ProcessedGlueDatabase";
      case CURATED -> "CuratedGlueDatabase";
      case QUALITY -> "QualityGlueDatabase";
    };
  }

  /** Whether a statement allows {@code action} on {@code arn} (IAM's * and ? wildcards in resources). */
  private static boolean allowed(List<Statement> statements, String action, String arn) {
    return statements.stream().anyMatch(s -> s.actions().contains(action) && s.resources().stream()
        .anyMatch(r -> arn.matches(Pattern.quote(r).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q"))));
  }

  /** The Allow statements of {@code role}'s inline policies and of the managed policies it attaches. */
  private static List<Statement> statements(String role, Intrinsics in) {
    Map<String, Object> p = Json.map(MAIN.resourcesOfType("AWS::IAM::Role").get(role), role);
    List<Object> docs = new ArrayList<>();
    for (Object pol : p.containsKey("Policies") ? Json.list(p.get("Policies"), role) : List.of()) {
      docs.add(Json.map(pol, role).get("PolicyDocument"));
    }
    for (Object ref : p.containsKey("ManagedPolicyArns") ? Json.list(p.get("ManagedPolicyArns"), role) : List.of()) {
      String policy = (String) Json.map(ref, role).get("Ref");
      docs.add(Json.map(MAIN.resourcesOfType("AWS::IAM::ManagedPolicy").get(policy), policy).get("PolicyDocument"));
    }
    List<Statement> out = new ArrayList<>();
    for (Object doc : docs) {
      for (Object st : Json.list(Json.map(doc, role).get("Statement"), role)) {
        Map<String, Object> s = Json.map(st, role);
        if ("Allow".equals(s.get("Effect"))) {
          out.add(new Statement(Json.oneOrMany(s.get("Action")).stream().map(String::valueOf).toList(),
              Json.oneOrMany(s.get("Resource")).stream().map(in::resolve).toList()));
        }
      }
    }
    return out;
  }
}
