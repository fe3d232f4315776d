package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.SecretsManagerSecrets;
import dev.loglake.common.error.EtlErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The salt of each dataset that hashes PII, resolved before any Spark work: from the AWS Secrets
 * Manager secret {@code pii-salt-secret} when set (the job's IAM role reads it), else from the
 * environment variable {@code pii-salt-env}. A missing salt stops the job with the key named.
 */
public final class PiiSalts {

  private PiiSalts() {}

  /** Salts by dataset name, for the datasets of {@code datasets} that hash a column. */
  public static Map<String, String> resolve(List<DatasetConfig> datasets, Config config, Function<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (DatasetConfig ds : datasets) {
      if (ds.pii().stream().noneMatch(p -> p.action() == PiiRule.Action.HASH)) {
        continue;
      }
      String salt = ds.piiSaltSecret().isPresent()
          ? fromSecretsManager(ds.piiSaltSecret().get(), config)
          : env.apply(ds.piiSaltEnv());
      if (salt == null || salt.isBlank()) {
        throw EtlErrors.missingKey("loglake.datasets." + ds.name() + ".pii-salt-env",
            "Dataset " + ds.name() + " hashes PII and needs a salt: set the environment variable "
                + ds.piiSaltEnv() + " or loglake.datasets." + ds.name() + ".pii-salt-secret (a Secrets Manager"
                + " secret). Never put the salt itself in config.");
      }
      out.put(ds.name(), salt);
    }
    return out;
  }

  private static String fromSecretsManager(String secretId, Config config) {
    return SecretsManagerSecrets.from(config).secretString(secretId, "PII salt");
  }
}
