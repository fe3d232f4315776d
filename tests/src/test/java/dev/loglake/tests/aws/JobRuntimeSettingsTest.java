package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the EMR Serverless and Glue job runs get from the template and the definitions: network, catalog, logs. */
class JobRuntimeSettingsTest {

  private static final CfnTemplate MAIN = CfnTemplate.load("loglake.yaml");
  private static final Pattern CONF = Pattern.compile("--conf ([^=\\s]+)=(\\S+)");
  private static final Pattern SOURCE = Pattern.compile("SOURCE '([^']+)'");

  @Test
  void emrServerlessApplicationRunsInTheGivenSubnetsAndOnlyThen() {
    // Without a VPC, EMR Serverless jobs reach only some AWS services of the Region, not SNS or
    // CloudWatch metrics (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/considerations.html);
    // with one they reach them through a NAT gateway or VPC endpoints
    // (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/vpc-access.html).
    Map<String, Object> app = MAIN.resourcesOfType("AWS::EMRServerless::Application").get("EmrServerlessApplication");
    Intrinsics none = new Intrinsics(MAIN, Map.of("Engine", "emr-serverless"));
    Intrinsics vpc = new Intrinsics(MAIN, Map.of("Engine", "emr-serverless",
        "EmrSubnetIds", "subnet-0a1,subnet-0b2", "EmrSecurityGroupIds", "sg-0c3"));

    assertThat(Json.map(none.render(app), "app")).doesNotContainKey("NetworkConfiguration");
    assertThat(Json.map(vpc.render(app), "app").get("NetworkConfiguration")).isEqualTo(Map.of(
        "SubnetIds", List.of("subnet-0a1", "subnet-0b2"), "SecurityGroupIds", List.of("sg-0c3")));
  }

  @Test
  void emrServerlessJobsUseTheGlueDataCatalogAsTheirHiveMetastore() {
    // The Glue client factory (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/metastore-config.html)
    // takes effect only in a Hive catalog: Spark's default catalogImplementation is in-memory, where the
    // tables a job registers live for that run only.
    StateMachine sm = StateMachine.load("pipeline-emr-serverless.asl.json");
    Map<String, Map<String, String>> confs = new LinkedHashMap<>();
    sm.states().forEach((name, state) -> {
      JsonNode submit = state.path("Parameters").path("JobDriver").path("SparkSubmit");
      if (!submit.isMissingNode()) {
        Map<String, String> conf = new LinkedHashMap<>();
        Matcher m = CONF.matcher(submit.get("SparkSubmitParameters").asText());
        while (m.find()) {
          conf.put(m.group(1), m.group(2));
        }
        confs.put(name, conf);
      }
    });

    assertThat(confs.keySet()).containsExactlyInAnyOrder(
        "RawToProcessed", "Quality", "ProcessedToCurated", "QualityCurated", "AlbStatus", "Maintain");
    confs.forEach((state, conf) -> assertThat(conf).as(state)
        .containsEntry("spark.sql.catalogImplementation", "hive")
        .containsEntry("spark.hadoop.hive.metastore.client.factory.class",
            "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory"));
  }

  @Test
  void summaryLinesAreSearchedWhereGlue50WritesStdoutAndStderr() throws IOException {
    // "user stdout (standard output) and stderr (standard error) logs are written to the
    // /aws-glue/jobs/output log group by default"; /aws-glue/jobs/error holds system, Spark daemon and
    // GlueLogger logs (https://docs.aws.amazon.com/glue/latest/dg/monitor-continuous-logging.html).
    Intrinsics in = new Intrinsics(MAIN, Map.of());
    String body = in.resolve(MAIN.resourcesOfType("AWS::CloudWatch::Dashboard").get("Dashboard").get("DashboardBody"));
    List<String> sources = new ArrayList<>();
    Matcher m = SOURCE.matcher(body);
    while (m.find()) {
      sources.add(m.group(1));
    }
    assertThat(sources).containsExactly("/aws-glue/jobs/output", in.ref("EmrServerlessLogGroup"));

    String readme = Files.readString(CfnTemplate.repoRoot().resolve("README.md"));
    String onAws = readme.substring(readme.indexOf("## On AWS"), readme.indexOf("\n## ", readme.indexOf("## On AWS") + 1));
    assertThat(onAws)
        .contains("stdout and stderr to `/aws-glue/jobs/output`")
        .doesNotContainPattern("stderr (goes )?to `/aws-glue/jobs/error`");
  }
}
