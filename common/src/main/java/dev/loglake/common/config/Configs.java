package dev.loglake.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.loglake.common.error.EtlErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Typed reads of config keys that fail with the key named, for the {@code from(Config)} factories. */
public final class Configs {

  private Configs() {}

  public static String requireString(Config c, String key, String hint) {
    if (!c.hasPath(key) || c.getString(key).isBlank()) {
      throw EtlErrors.missingKey(key, hint);
    }
    return c.getString(key);
  }

  public static Optional<String> optionalString(Config c, String key) {
    if (!c.hasPath(key)) {
      return Optional.empty();
    }
    String s = c.getString(key);
    return s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  public static int intValue(Config c, String key) {
    try {
      return c.getInt(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw EtlErrors.badValue(key, raw(c, key), "a whole number");
    }
  }

  public static long longValue(Config c, String key) {
    try {
      return c.getLong(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw EtlErrors.badValue(key, raw(c, key), "a whole number");
    }
  }

  public static double doubleValue(Config c, String key) {
    try {
      return c.getDouble(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw EtlErrors.badValue(key, raw(c, key), "a number");
    }
  }

  public static boolean booleanValue(Config c, String key) {
    try {
      return c.getBoolean(key);
    } catch (ConfigException.WrongType | ConfigException.Missing e) {
      throw EtlErrors.badValue(key, raw(c, key), "true or false");
    }
  }

  public static Duration duration(Config c, String key) {
    try {
      return c.getDuration(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue | ConfigException.Missing e) {
      throw EtlErrors.badValue(key, raw(c, key), "a duration such as 30m, 6h or 3d");
    }
  }

  public static Optional<LocalDate> optionalDate(Config c, String key) {
    return optionalString(c, key).map(s -> parseDate(key, s));
  }

  public static LocalDate parseDate(String key, String s) {
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException e) {
      throw EtlErrors.badValue(key, s, "a date as YYYY-MM-DD");
    }
  }

  /** An endpoint URL such as {@code http://127.0.0.1:9090}: scheme and host required; empty when unset. */
  public static Optional<URI> optionalEndpoint(Config c, String key) {
    return optionalString(c, key)
        .map(
            s -> {
              try {
                URI uri = new URI(s);
                if (uri.getScheme() == null || uri.getHost() == null) {
                  throw new URISyntaxException(s, "no scheme or host");
                }
                return uri;
              } catch (URISyntaxException e) {
                throw EtlErrors.badValue(key, s, "an endpoint URL such as http://127.0.0.1:9090");
              }
            });
  }

  /** A list given either as a HOCON list or as one comma-separated string (the command-line form). */
  public static List<String> stringList(Config c, String key) {
    if (!c.hasPath(key)) {
      return List.of();
    }
    try {
      return c.getStringList(key);
    } catch (ConfigException.WrongType e) {
      return List.of(c.getString(key).split(",")).stream()
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    }
  }

  private static Object raw(Config c, String key) {
    return c.hasPathOrNull(key) && !c.getIsNull(key) ? c.getValue(key).unwrapped() : null;
  }
}
