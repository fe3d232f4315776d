package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.config.SecretsManagerSecrets;
import dev.loglake.common.error.EtlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The salt of each dataset that hashes PII, resolved before any Spark work: from the AWS Secrets
 * Manager secret {@code pii-salt-secret} when set (the job's IAM role reads it), else from the
 * environment variable {@code pii-salt-env}, else (local lakes: {@code loglake.pii.local-salt-file})
 * from a salt generated once with the lake. A missing salt stops the job with the key named.
 */
public final class PiiSalts {

  private static final Logger LOG = LoggerFactory.getLogger(PiiSalts.class);

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
      if ((salt == null || salt.isBlank()) && ds.piiSaltSecret().isEmpty()) {
        salt = Configs.optionalString(config, "loglake.pii.local-salt-file")
            .filter(file -> !file.contains("://")) // a lake on S3 keeps no salt file: configure one
            .map(file -> lakeSalt(Path.of(file), ds))
            .orElse(null);
      }
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

  /**
   * The lake's own salt in {@code file}: generated (32 random bytes, Base64) on first use with
   * owner-only permissions, then read. Local lakes only; the console says which file it is.
   */
  static String lakeSalt(Path file, DatasetConfig ds) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".pii-salt", ".tmp");
        restrictToOwner(tmp);
        Files.writeString(tmp, Base64.getEncoder().encodeToString(random) + "\n");
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          Files.deleteIfExists(tmp); // another job generated it first: use theirs
        }
        LOG.warn("Dataset {} hashes PII and no salt is configured ({} or pii-salt-secret): generated the lake's"
            + " salt in {} (owner-only). Keep it with the lake: hashes change without it. On AWS a configured"
            + " salt is required.", ds.name(), ds.piiSaltEnv(), file);
      }
      return Files.readString(file).strip();
    } catch (IOException e) {
      throw EtlErrors.missingKey("loglake.pii.local-salt-file",
          "Dataset " + ds.name() + " hashes PII and the lake's salt file " + file + " cannot be used (" + e
              + "). Set " + ds.piiSaltEnv() + ", or fix the file's permissions.");
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }

  private static String fromSecretsManager(String secretId, Config config) {
    return SecretsManagerSecrets.from(config).secretString(secretId, "PII salt");
  }
}
