package dev.loglake.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.loglake.common.error.EtlErrors;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The loaded, validated configuration of one job run.
 *
 * <p>Precedence, highest first:
 *
 * <ol>
 *   <li>job arguments: {@code --loglake.some.key value} and the job's own options (Glue's form);
 *   <li>{@code --config FILE};
 *   <li>{@code <conf-dir>/env/<env>.conf}, env chosen by {@code --env} (default {@code local});
 *   <li>{@code <conf-dir>/application.conf};
 *   <li>every module's {@code reference.conf}, where each key is declared with its default.
 * </ol>
 *
 * The conf dir is {@code --conf-dir}, else {@code $LOGLAKE_CONF_DIR}, else {@code ./conf} when it
 * exists, else the copy of {@code conf/} inside the jobs jar. Substitutions resolve after merging, so
 * {@code --loglake.lake.root /tmp/x} moves every zone derived from it.
 *
 * <p>Validation at load: types are checked against reference.conf, and keys under {@code loglake}
 * that reference.conf does not declare are rejected, all listed in one message. A reference value
 * of {@code {}} declares an open map whose children are validated by their owner.
 *
 * @param job the job name, e.g. {@code raw-to-processed}
 * @param runId this run's id (Glue's JOB_RUN_ID on Glue, else generated)
 * @param startedAt when the run started
 * @param env the environment name
 * @param zones the lake's zones
 * @param spark how to build the SparkSession
 * @param config the whole resolved config, for job-specific records ({@code from(Config)})
 */
public record EtlConfig(
    String job,
    String runId,
    Instant startedAt,
    String env,
    LakeZones zones,
    SparkSettings spark,
    Config config) {

  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(secret|password|passwd|token|credential|access[._-]?key|salt).*");

  /** Loads and validates the config for {@code job} from parsed {@code args}. */
  public static EtlConfig load(String job, JobArgs args, Clock clock) {
    Config reference;
    try {
      reference = ConfigFactory.parseResourcesAnySyntax("reference.conf");
    } catch (com.typesafe.config.ConfigException e) {
      throw EtlErrors.unreadableConfig("a reference.conf on the classpath is invalid: " + e.getMessage(), e);
    }
    String env = args.env().orElse("local");
    ConfSource confDir = ConfSource.locate(args.confDir());
    Config merged = layer(args, job);
    if (args.configFile().isPresent()) {
      merged = merged.withFallback(parseFile(Path.of(args.configFile().get()), "--config"));
    }
    merged =
        merged
            .withFallback(confDir.parse("env/" + env + ".conf", true, "--env " + env))
            .withFallback(confDir.parse("application.conf", false, null))
            .withFallback(confDir.asConfig())
            .withFallback(reference);
    Config resolved = resolve(merged);
    validate(resolved, reference.resolve());

    Instant startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String runId =
        Configs.optionalString(resolved, "loglake.run-id")
            .or(args::glueJobRunId)
            .orElseGet(() -> newRunId(startedAt));
    return new EtlConfig(
        job,
        runId,
        startedAt,
        env,
        LakeZones.from(resolved),
        SparkSettings.from(resolved, job),
        resolved);
  }

  /** The same run seen as another job (the pipeline runs its steps so), with {@code config} as config. */
  public EtlConfig forJob(String otherJob, Config otherConfig) {
    return new EtlConfig(otherJob, runId, startedAt, env, zones, spark, otherConfig);
  }

  /** The full key of this job's option {@code option}: {@code loglake.jobs.<job>.<option>}. */
  public String jobKey(String option) {
    return "loglake.jobs." + job + "." + option;
  }

  /** The effective config under {@code loglake}, one {@code key = value} per line, sorted, secrets masked. */
  public String describe() {
    Map<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, ConfigValue> e : config.getConfig("loglake").entrySet()) {
      String key = "loglake." + e.getKey();
      String value = e.getValue().render(com.typesafe.config.ConfigRenderOptions.concise());
      sorted.put(key, SECRET_KEY.matcher(key).matches() ? "****" : value);
    }
    StringBuilder sb = new StringBuilder();
    sorted.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    return sb.toString();
  }

  private static String newRunId(Instant startedAt) {
    String ts =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(startedAt);
    return ts + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The argument layer: config-key overrides plus the job's options under loglake.jobs.<job>. */
  private static Config layer(JobArgs args, String job) {
    Map<String, Object> values = new LinkedHashMap<>();
    args.configOverrides().forEach((k, v) -> values.put(quoteMapKey(k), v));
    args.options().forEach((k, v) -> values.put("loglake.jobs.\"" + job + "\"." + k, v));
    return ConfigFactory.parseMap(values, "job arguments");
  }

  /** {@code loglake.spark.conf.spark.sql.x} names one key of an open map: quote the map key. */
  private static String quoteMapKey(String key) {
    String prefix = "loglake.spark.conf.";
    if (key.startsWith(prefix) && !key.substring(prefix.length()).startsWith("\"")) {
      return prefix + "\"" + key.substring(prefix.length()) + "\"";
    }
    return key;
  }

  private static Config parseFile(Path file, String from) {
    if (!Files.isRegularFile(file)) {
      throw EtlErrors.unreadableConfig(
          "file " + file + " (given by " + from + ") does not exist or is not a file", null);
    }
    try {
      return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw EtlErrors.unreadableConfig(e.getMessage(), e);
    }
  }

  private static Config resolve(Config merged) {
    try {
      return merged.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(true));
    } catch (com.typesafe.config.ConfigException.UnresolvedSubstitution e) {
      throw EtlErrors.unreadableConfig(
          e.getMessage()
              + ". Set the key it names (as --<key> VALUE or in a config file), or the environment"
              + " variable the env file reads for it",
          e);
    } catch (com.typesafe.config.ConfigException e) {
      throw EtlErrors.unreadableConfig(e.getMessage(), e);
    }
  }

  private static void validate(Config resolved, Config reference) {
    try {
      resolved.checkValid(reference, "loglake");
    } catch (com.typesafe.config.ConfigException.ValidationFailed e) {
      List<String> problems = new ArrayList<>();
      e.problems().forEach(p -> problems.add(p.path() + ": " + p.problem()));
      throw EtlErrors.badValue(
          problems.isEmpty() ? "config" : e.problems().iterator().next().path(),
          String.join("; ", problems),
          "values of the types reference.conf declares");
    }
    Map<String, Boolean> declared = new HashMap<>();
    collect(reference.root(), "", declared);
    Map<String, Boolean> present = new HashMap<>();
    collect(resolved.root(), "", present);
    Set<String> unknown = new TreeSet<>();
    for (String key : present.keySet()) {
      if (key.startsWith("loglake.") && !isDeclared(key, declared)) {
        unknown.add(key + " (" + origin(resolved, key) + ")");
      }
    }
    if (!unknown.isEmpty()) {
      throw EtlErrors.unknownKeys(unknown, "the job's configuration");
    }
  }

  /** Collects leaf paths; the value is true for an open map (declared as {@code {}}). */
  private static void collect(ConfigObject obj, String prefix, Map<String, Boolean> out) {
    for (Map.Entry<String, ConfigValue> e : obj.entrySet()) {
      String path = prefix.isEmpty() ? quote(e.getKey()) : prefix + "." + quote(e.getKey());
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.OBJECT && !((ConfigObject) v).isEmpty()) {
        collect((ConfigObject) v, path, out);
      } else {
        out.put(path, v.valueType() == ConfigValueType.OBJECT);
      }
    }
  }

  private static boolean isDeclared(String key, Map<String, Boolean> declared) {
    if (declared.containsKey(key)) {
      return true;
    }
    for (int dot = key.lastIndexOf('.'); dot > 0; dot = key.lastIndexOf('.', dot - 1)) {
      if (Boolean.TRUE.equals(declared.get(key.substring(0, dot)))) {
        return true;
      }
    }
    return false;
  }

  private static String quote(String key) {
    return key.contains(".") || key.contains("\"") ? "\"" + key.replace("\"", "\\\"") + "\"" : key;
  }

  private static String origin(Config c, String path) {
    try {
      return c.getValue(path).origin().description();
    } catch (com.typesafe.config.ConfigException e) {
      return "set somewhere in the config";
    }
  }

  /** The conf dir: a folder on disk, or the {@code conf/} copy inside the jar. */
  private record ConfSource(File dir) {

    static ConfSource locate(java.util.Optional<String> fromArgs) {
      if (fromArgs.isPresent()) {
        File dir = new File(fromArgs.get());
        if (!dir.isDirectory()) {
          throw EtlErrors.unreadableConfig(
              "--conf-dir " + fromArgs.get() + " is not a directory", null);
        }
        return new ConfSource(dir);
      }
      String env = System.getenv("LOGLAKE_CONF_DIR");
      if (env != null && !env.isBlank() && new File(env).isDirectory()) {
        return new ConfSource(new File(env));
      }
      File local = new File("conf");
      return new ConfSource(new File(local, "application.conf").isFile() ? local : null);
    }

    /** {@code loglake.conf-dir}: the folder in use, so jobs find other files there (curated models). */
    Config asConfig() {
      String path = dir == null ? "" : dir.getAbsoluteFile().toPath().normalize().toString();
      return ConfigFactory.parseMap(Map.of("loglake.conf-dir", path), "the conf dir in use");
    }

    Config parse(String name, boolean required, String requiredBy) {
      ConfigParseOptions opts = ConfigParseOptions.defaults().setAllowMissing(!required);
      try {
        return dir != null
            ? ConfigFactory.parseFile(new File(dir, name), opts)
            : ConfigFactory.parseResources("conf/" + name, opts);
      } catch (com.typesafe.config.ConfigException.IO e) {
        String where = dir != null ? new File(dir, name).getPath() : "conf/" + name + " in the jar";
        throw EtlErrors.unreadableConfig(
            where + " (needed by " + requiredBy + ") does not exist; available envs are the files in"
                + " conf/env/",
            e);
      } catch (com.typesafe.config.ConfigException e) {
        throw EtlErrors.unreadableConfig(e.getMessage(), e);
      }
    }
  }
}
