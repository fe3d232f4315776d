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
        .contains("--capabilities CAPABILITY_IAM")
        .contains("  Engine=emr-serverless", "  AlertEmail=ops@example.com", "  NumberOfWorkers=4")
        .containsPattern("GlueDefinitionKey=asl/[0-9a-f]{12}/pipeline.asl.json")
        .containsPattern("EmrServerlessDefinitionKey=asl/[0-9a-f]{12}/pipeline-emr-serverless.asl.json")
        .contains("s3 sync", "/conf/")
        .contains("(dry run: nothing was built, uploaded or deployed)");
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
        .contains("emr add-steps --cluster-id j-1ABC");
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
