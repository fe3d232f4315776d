package dev.loglake.common.config;

/**
 * A job's own command-line option, {@code --name value}. Its value lands in the config at {@code
 * loglake.jobs.<job>.<name>}, so reference.conf declares its default and it can also be set in any
 * config file.
 *
 * @param name option name without dashes, e.g. {@code from}
 * @param valueName what the value is, for usage text (e.g. {@code YYYY-MM-DD}); null for a flag
 * @param description one line for {@code --help}
 */
public record JobOption(String name, String valueName, String description) {

  public JobOption {
    if (name == null || name.isBlank() || name.startsWith("-")) {
      throw new IllegalArgumentException("option name must be a bare word, got: " + name);
    }
  }

  public static JobOption value(String name, String valueName, String description) {
    return new JobOption(name, valueName, description);
  }

  /** A flag: {@code --name} alone means true; {@code --name true|false} is accepted too (Glue form). */
  public static JobOption flag(String name, String description) {
    return new JobOption(name, null, description);
  }

  public boolean isFlag() {
    return valueName == null;
  }

  public String usage() {
    return isFlag() ? "--" + name : "--" + name + " " + valueName;
  }
}
