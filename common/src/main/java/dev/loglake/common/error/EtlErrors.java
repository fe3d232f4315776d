package dev.loglake.common.error;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds every user-facing exception, so messages keep one shape: what is wrong, why, and how to fix
 * it (after Delta's {@code DeltaErrors}).
 */
public final class EtlErrors {

  private EtlErrors() {}

  public static ConfigException unknownKeys(Collection<String> keys, String where) {
    String list = keys.stream().sorted().collect(Collectors.joining(", "));
    return new ConfigException(
        "Unknown configuration key(s) "
            + list
            + " in "
            + where
            + ". Check the spelling against the reference.conf files (every key is declared there with"
            + " its default), or remove them.",
        null);
  }

  public static ConfigException unknownArguments(Collection<String> args, String job, String usage) {
    return new ConfigException(
        "Unknown argument(s) for job "
            + job
            + ": "
            + String.join(", ", args)
            + ". Options of this job: "
            + usage
            + "; any config key can be set as --loglake.<key> VALUE.",
        null);
  }

  public static ConfigException missingArgumentValue(String arg) {
    return new ConfigException(
        "Argument " + arg + " needs a value: pass it as '" + arg + " VALUE' or '" + arg + "=VALUE'.",
        null);
  }

  public static ConfigException missingKey(String key, String hint) {
    return new ConfigException(
        "Required configuration key " + key + " is not set. " + hint, null);
  }

  public static ConfigException badValue(String key, Object value, String expected) {
    return new ConfigException(
        "Bad value for "
            + key
            + ": '"
            + value
            + "'. Expected "
            + expected
            + ". Fix it in your config file or pass --"
            + key
            + " VALUE.",
        null);
  }

  public static ConfigException unreadableConfig(String what, Throwable cause) {
    return new ConfigException(
        "Cannot read configuration: " + what + ". Fix the file or the argument that names it.", cause);
  }

  /**
   * A Secrets Manager secret named by {@code key} holds the wrong thing. The message names the
   * secret and what it must hold, never its value.
   */
  public static ConfigException badSecretValue(
      String key, String secretId, String problem, String expected) {
    return new ConfigException(
        "The secret "
            + secretId
            + " (named by "
            + key
            + ") "
            + problem
            + ". Store "
            + expected
            + " in it, or point "
            + key
            + " at a secret that holds that.",
        null);
  }

  public static InputSchemaException unreadableInput(String path, String reason, String fix) {
    return new InputSchemaException(
        "Cannot read " + path + ": " + reason + ". " + fix, null);
  }

  public static QualityGateException qualityGateFailed(String summary) {
    return qualityGateFailed(summary, Map.of());
  }

  /** The gate failed; {@code figures} are the run's figures, for the job's SUMMARY line. */
  public static QualityGateException qualityGateFailed(
      String summary, Map<String, Object> figures) {
    return new QualityGateException("Quality gate failed: " + summary, figures);
  }

  public static NotImplementedException notImplemented(String job, String issue) {
    return new NotImplementedException(
        "Job "
            + job
            + " is not implemented yet (scaffolding only; "
            + issue
            + " builds it). See the status table in README.md.");
  }

  public static DeliveryException deliveryFailed(String what, String written, String key) {
    return new DeliveryException(
        "Delivery failed: "
            + what
            + ". The output is written all the same ("
            + written
            + "). Fix the cause and rerun, or set "
            + key
            + " = false to only report such failures.");
  }

  /**
   * The health check failed: {@code problems} name each step that failed or each number that did not
   * match ("transactions rows_read: expected 4999, got 2499").
   */
  public static HealthCheckException healthCheckFailed(
      List<String> problems, String scratch, Throwable cause) {
    return new HealthCheckException(
        "Health check failed: "
            + String.join("; ", problems)
            + ". The pipeline ran on a generated sample day under "
            + scratch
            + " (deleted again); rerun with the same seed and look at the failing step's log.",
        cause);
  }

  public static ConfigException badModel(String file, String problem, String fix) {
    return new ConfigException("Curated model " + file + ": " + problem + ". " + fix, null);
  }

  /** A curated table's quality rules file ({@code conf/quality/<table>.conf}) is wrong. */
  public static ConfigException badQualityRules(String file, String problem, String fix) {
    return new ConfigException("Quality rules at " + file + ": " + problem + ". " + fix, null);
  }

  /**
   * No input for the asked range: "No ALB log files for 2026-01-17 under X (found 100 files dated
   * 2026-01-16; use --date 2026-01-16). ..." ({@code what}: what was looked for, {@code where}: "under
   * PATH" or "in TABLES", {@code seen}: what was there instead and how to ask for it).
   */
  public static NoInputException noInput(String what, String range, String where, String seen) {
    return new NoInputException(
        "No "
            + what
            + " for "
            + range
            + " "
            + where
            + " ("
            + seen
            + "). Check the path and the dates, or pass --allow-empty if the range really had no"
            + " data.");
  }
}
