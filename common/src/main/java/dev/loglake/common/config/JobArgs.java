package dev.loglake.common.config;

import dev.loglake.common.error.EtlErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A job's arguments in Glue's form: {@code --key value} (or {@code --key=value}). Four kinds:
 *
 * <ul>
 *   <li>{@code --env NAME}, {@code --config FILE}, {@code --conf-dir DIR}: where config comes from;
 *   <li>the job's own options ({@link JobOption}), e.g. {@code --from 2024-01-01};
 *   <li>any config key, e.g. {@code --loglake.lake.root /tmp/lake};
 *   <li>arguments AWS Glue injects ({@code --JOB_NAME}, {@code --TempDir}, ...): accepted and ignored.
 * </ul>
 *
 * Anything else is an error naming the argument.
 */
public record JobArgs(
    Optional<String> env,
    Optional<String> configFile,
    Optional<String> confDir,
    Map<String, String> options,
    Map<String, String> configOverrides,
    Map<String, String> platformArgs) {

  /** Keys AWS Glue passes to every job run (and a few that only its Python runtime reads). */
  private static final Set<String> GLUE_KEYS =
      Set.of(
          "JOB_NAME",
          "JOB_ID",
          "JOB_RUN_ID",
          "JOB_TYPE",
          "WORKFLOW_NAME",
          "WORKFLOW_RUN_ID",
          "TempDir",
          "job-bookmark-option",
          "job-bookmark-from",
          "job-bookmark-to",
          "job-language",
          "class",
          "scriptLocation",
          "extra-jars",
          "extra-files",
          "extra-py-files",
          "user-jars-first",
          "datalake-formats",
          "conf",
          "debug",
          "mode",
          "spark-event-logs-path",
          "security_configuration",
          "encryption-type",
          "additional-python-modules",
          "python-modules-installer-option",
          "redshift-tmp-dir",
          "glue-version");

  private static final List<String> GLUE_PREFIXES = List.of("enable-", "continuous-log-");

  public JobArgs {
    options = Map.copyOf(options);
    configOverrides = Map.copyOf(configOverrides);
    platformArgs = Map.copyOf(platformArgs);
  }

  /** Parses {@code args} for {@code job}, whose own options are {@code declared}. */
  public static JobArgs parse(String[] args, String job, List<JobOption> declared) {
    Map<String, JobOption> byName =
        declared.stream().collect(Collectors.toMap(JobOption::name, o -> o));
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> overrides = new LinkedHashMap<>();
    Map<String, String> platform = new LinkedHashMap<>();
    Map<String, String> meta = new LinkedHashMap<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        unknown.add(arg);
        continue;
      }
      String key = arg.substring(2);
      String value = null;
      int eq = key.indexOf('=');
      if (eq > 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      }
      JobOption option = byName.get(key);
      if (value == null) {
        if (consumesNext(args, i, option)) {
          value = args[++i];
        } else if (option != null && option.isFlag()) {
          value = "true";
        } else if (isPlatformKey(key)) {
          value = "";
        } else if (option != null || isMetaKey(key) || key.startsWith("loglake.")) {
          throw EtlErrors.missingArgumentValue(arg);
        } else {
          unknown.add(arg);
          continue;
        }
      }
      if (option != null) {
        options.put(key, value);
      } else if (isMetaKey(key)) {
        meta.put(key, value);
      } else if (key.startsWith("loglake.")) {
        overrides.put(key, value);
      } else if (isPlatformKey(key)) {
        platform.put(key, value);
      } else {
        unknown.add(arg);
      }
    }
    if (!unknown.isEmpty()) {
      String usage = declared.stream().map(JobOption::usage).collect(Collectors.joining(" "));
      throw EtlErrors.unknownArguments(
          unknown, job, (usage.isEmpty() ? "" : usage + " ") + "--env NAME --config FILE");
    }
    return new JobArgs(
        Optional.ofNullable(meta.get("env")),
        Optional.ofNullable(meta.get("config")),
        Optional.ofNullable(meta.get("conf-dir")),
        options,
        overrides,
        platform);
  }

  /**
   * The index of the first argument of {@code args} that is neither an option nor an option's value
   * (as {@link #parse} reads them), or -1: lets a job take one positional argument anywhere.
   */
  public static int firstPositional(String[] args, List<JobOption> declared) {
    Map<String, JobOption> byName =
        declared.stream().collect(Collectors.toMap(JobOption::name, o -> o));
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        return i;
      }
      if (arg.indexOf('=') < 0 && consumesNext(args, i, byName.get(arg.substring(2)))) {
        i++;
      }
    }
    return -1;
  }

  /** Whether the option at {@code i} (written without {@code =}) takes the next argument as its value. */
  private static boolean consumesNext(String[] args, int i, JobOption option) {
    boolean nextIsValue = i + 1 < args.length && !args[i + 1].startsWith("--");
    return nextIsValue && (option == null || !option.isFlag() || isBoolean(args[i + 1]));
  }

  /** The run id Glue assigned, when this is a Glue run. */
  public Optional<String> glueJobRunId() {
    return Optional.ofNullable(platformArgs.get("JOB_RUN_ID")).filter(s -> !s.isBlank());
  }

  private static boolean isMetaKey(String key) {
    return key.equals("env") || key.equals("config") || key.equals("conf-dir");
  }

  private static boolean isPlatformKey(String key) {
    return GLUE_KEYS.contains(key) || GLUE_PREFIXES.stream().anyMatch(key::startsWith);
  }

  private static boolean isBoolean(String s) {
    return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
  }
}
