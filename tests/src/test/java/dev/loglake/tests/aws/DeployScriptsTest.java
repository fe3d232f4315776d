package dev.loglake.tests.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy.sh and submit-emr.sh --dry-run on a machine without the AWS CLI: they print, call nothing. */
class DeployScriptsTest {

  @TempDir Path work;

  record Run(int code, String out) {}

  @Test
  void deployDryRunPrintsEveryCommandAndTheParametersWithoutAws() throws Exception {
    Run run = script("deploy.sh", "--dry-run", "--stack", "loglake-dev", "--engine", "emr-serverless",
        "--alert-email", "ops@example.com", "--param", "NumberOfWorkers=4");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("+ mvn -q -DskipTests package -pl jobs -am")
        .contains("cloudformation deploy --stack-name loglake-dev-artifacts")
        .contains("cloudformation deploy --stack-name loglake-dev --template-file")
        // AWS::LanguageExtensions (the template's Transform) is a macro: deploying it needs AUTO_EXPAND.
        .contains("--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND")
        .contains("  Engine=emr-serverless", "  AlertEmail=ops@example.com", "  NumberOfWorkers=4")
        .containsPattern("GlueDefinitionKey=asl/[0-9a-f]{12}/pipeline.asl.json")
        .containsPattern("EmrServerlessDefinitionKey=asl/[0-9a-f]{12}/pipeline-emr-serverless.asl.json")
        .contains("s3 sync", "/conf/")
        .contains("(dry run: nothing was built, uploaded or deployed)");
  }

  @Test
  void deployWarnsWhenEmrServerlessGetsNoSubnets() throws Exception {
    // Without a VPC, EMR Serverless jobs reach neither SNS nor CloudWatch metrics
    // (https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/considerations.html).
    Run bare = script("deploy.sh", "--dry-run", "--engine", "emr-serverless");
    Run vpc = script("deploy.sh", "--dry-run", "--engine", "emr-serverless",
        "--param", "EmrSubnetIds=subnet-0a1,subnet-0b2", "--param", "EmrSecurityGroupIds=sg-0c3");
    Run glue = script("deploy.sh", "--dry-run", "--engine", "glue");

    assertThat(bare.code()).as(bare.out()).isZero();
    assertThat(bare.out()).contains("deploy: warning: --engine emr-serverless without EmrSubnetIds")
        .contains("--param EmrSubnetIds=subnet-a,subnet-b --param EmrSecurityGroupIds=sg-c");
    assertThat(vpc.code()).as(vpc.out()).isZero();
    assertThat(vpc.out()).doesNotContain("warning").contains("  EmrSubnetIds=subnet-0a1,subnet-0b2");
    assertThat(glue.out()).doesNotContain("warning");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy.sh", "submit-emr.sh"})
  void helpPrintsTheHeaderCommentAndNoCode(String name) throws Exception {
    Run run = script(name, "--help");

    List<String> header = new ArrayList<>();
    for (String line : Files.readAllLines(CfnTemplate.AWS_DIR.resolve(name)).subList(1, 40)) {
      if (!line.startsWith("#")) {
        break;
      }
      header.add(line.replaceFirst("^# ?", ""));
    }
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(String.join("\n", header) + "\n").doesNotContain("set -euo pipefail");
    assertThat(header.get(0)).startsWith(name + ": ");
  }

  @Test
  void deployWithoutAwsCliAndWithoutDryRunStopsWithAHint() throws Exception {
    Run run = script("deploy.sh", "--skip-build");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("AWS CLI").contains("--dry-run");
  }

  @Test
  void deployRejectsABadEngine() throws Exception {
    Run run = script("deploy.sh", "--dry-run", "--engine", "lambda");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).contains("--engine must be glue or emr-serverless");
  }

  @Test
  void submitEmrDryRunPrintsACommandRunnerSparkSubmitStep() throws Exception {
    Run run = script("submit-emr.sh", "--dry-run", "--cluster-id", "j-1ABC", "--job", "alb-status",
        "--jar", "s3://artifacts/jars/loglake-jobs.jar", "--", "--date", "2024-03-10");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("\"Jar\": \"command-runner.jar\"")
        .contains("\"spark-submit\", \"--deploy-mode\", \"cluster\", \"--class\", \"dev.loglake.jobs.albstatus.AlbStatusJob\"")
        .contains("\"s3://artifacts/jars/loglake-jobs.jar\", \"--env\", \"aws\"")
        .contains("\"--date\", \"2024-03-10\"")
        .contains("emr add-steps --cluster-id j-1ABC")
        // The Glue Data Catalog as a Hive metastore, in a Hive catalog (not Spark's in-memory one).
        .contains("\"--conf\", \"spark.sql.catalogImplementation=hive\"")
        .contains("\"--conf\", \"spark.hadoop.hive.metastore.client.factory.class="
            + "com.amazonaws.glue.catalog.metastore.AWSGlueDataCatalogHiveClientFactory\"")
        // In cluster deploy mode the driver's stdout is in the YARN container logs, not the step's
        // (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-manage-view-web-log-files.html).
        .contains("The job's stdout, with its SUMMARY line: <LogUri of j-1ABC>/j-1ABC/containers/"
            + "<application id>/<container id>/stdout.gz")
        .contains("<LogUri of j-1ABC>/j-1ABC/steps/<step id>/stderr.gz");
  }

  private Run script(String name, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", CfnTemplate.AWS_DIR.resolve(name).toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
    // A PATH without the AWS CLI, as on this project's build machines.
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().remove("AWS_REGION");
    pb.environment().remove("AWS_DEFAULT_REGION");
    Path out = work.resolve("out.txt");
    Process p = pb.redirectOutput(out.toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(name + " finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
