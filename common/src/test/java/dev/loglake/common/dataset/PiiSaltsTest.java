package dev.loglake.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loglake.common.config.EtlConfig;
import dev.loglake.common.config.JobArgs;
import dev.loglake.common.error.ConfigException;
import dev.loglake.common.testing.SecretsManagerStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PII salts come from Secrets Manager (the real SDK against a local stub) or the environment. */
class PiiSaltsTest {

  @TempDir Path dir;

  @Test
  void readsTheSaltFromSecretsManagerWithTheRealSdk() throws Exception {
    try (SecretsManagerStub secrets = new SecretsManagerStub(Map.of("loglake/pii-salt", "pepper-42"))) {
      EtlConfig etl = load("pii-salt-secret = \"loglake/pii-salt\"",
          "--loglake.aws.secretsmanager-endpoint", secrets.endpoint().toString(),
          "--loglake.aws.region", "eu-west-1");
      List<DatasetConfig> datasets = List.of(DatasetCatalog.load(etl).get("people"));

      Map<String, String> salts = withAwsCredentials(() -> PiiSalts.resolve(datasets, etl.config(), name -> null));

      assertThat(salts).containsExactly(Map.entry("people", "pepper-42"));
      assertThat(secrets.requests()).extracting(SecretsManagerStub.Request::target, SecretsManagerStub.Request::secretId)
          .containsExactly(tuple("secretsmanager.GetSecretValue", "loglake/pii-salt"));
    }
  }

  @Test
  void aLocalLakeWithoutASaltGeneratesOneOnceOwnerOnlyAndKeepsIt() throws Exception {
    EtlConfig etl = load("pii-salt-env = PEOPLE_SALT");
    List<DatasetConfig> datasets = List.of(DatasetCatalog.load(etl).get("people"));
    Path file = dir.resolve("_secrets").resolve("pii-salt");

    String first = PiiSalts.resolve(datasets, etl.config(), name -> null).get("people");
    String again = PiiSalts.resolve(datasets, etl.config(), name -> null).get("people");

    assertThat(first).isEqualTo(Files.readString(file).strip()).hasSize(44); // 32 bytes, Base64
    assertThat(again).isEqualTo(first);
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // A configured salt wins over the lake's.
    assertThat(PiiSalts.resolve(datasets, etl.config(), Map.of("PEOPLE_SALT", "s")::get)).containsEntry("people", "s");
  }

  @Test
  void fallsBackToTheEnvironmentVariableAndNamesItWhenMissing() throws Exception {
    // As on AWS: no lake salt file, so a salt must be configured.
    EtlConfig etl = load("pii-salt-env = PEOPLE_SALT", "--loglake.pii.local-salt-file", "");
    List<DatasetConfig> datasets = List.of(DatasetCatalog.load(etl).get("people"));

    assertThat(PiiSalts.resolve(datasets, etl.config(), Map.of("PEOPLE_SALT", "s")::get)).containsEntry("people", "s");
    assertThatThrownBy(() -> PiiSalts.resolve(datasets, etl.config(), name -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PEOPLE_SALT")
        .hasMessageContaining("loglake.datasets.people.pii-salt-secret");
  }

  private EtlConfig load(String saltSetting, String... args) throws IOException {
    Path conf = dir.resolve("people.conf");
    Files.writeString(conf, "loglake.datasets.people { raw { path = people, format = json }, schema = [{ name = email }],"
        + " pii = [{ column = email, action = hash }], " + saltSetting + " }");
    List<String> all = new ArrayList<>(List.of("--conf-dir", "../conf", "--config", conf.toString(),
        "--loglake.lake.root", dir.toString()));
    all.addAll(List.of(args));
    return EtlConfig.load("probe", JobArgs.parse(all.toArray(String[]::new), "probe", List.of()), Clock.systemUTC());
  }

  /** The SDK signs requests: give it throwaway credentials through system properties. */
  private static <T> T withAwsCredentials(java.util.function.Supplier<T> call) {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try {
      return call.get();
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
