package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.util.Set;

/**
 * What to do with a column holding personal data.
 *
 * @param ipv4Prefix truncate-ip: the leading bits of an IPv4 address kept (0-32, default 24)
 * @param ipv6Prefix truncate-ip: the leading bits of an IPv6 address kept (0-128, default 48)
 */
public record PiiRule(String column, Action action, int ipv4Prefix, int ipv6Prefix) {

  public static final int DEFAULT_IPV4_PREFIX = 24;
  public static final int DEFAULT_IPV6_PREFIX = 48;

  private static final Set<String> KEYS = Set.of("column", "action", "ipv4-prefix", "ipv6-prefix");

  /** The PII treatments. */
  public enum Action {
    /** SHA-256 of salt + value, hex. */
    HASH,
    /** All but the last 4 characters replaced by '*'. */
    MASK,
    /** The column is removed. */
    DROP,
    /** IPv4 keeps its first {@code ipv4-prefix} bits (/24: last octet 0), IPv6 its first {@code ipv6-prefix} (/48). */
    TRUNCATE_IP
  }

  public PiiRule(String column, Action action) {
    this(column, action, DEFAULT_IPV4_PREFIX, DEFAULT_IPV6_PREFIX);
  }

  static PiiRule from(Config c, String where) {
    String column = Configs.requireString(c, "column", "Each PII rule in " + where + " names a column.");
    String action = Configs.requireString(c, "action", "Each PII rule in " + where + " has an action.");
    java.util.List<String> unknown = c.root().keySet().stream().filter(k -> !KEYS.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw EtlErrors.unknownKeys(unknown, where + " (a PII rule: column, action, ipv4-prefix, ipv6-prefix)");
    }
    Action parsed =
        switch (action) {
          case "hash" -> Action.HASH;
          case "mask" -> Action.MASK;
          case "drop" -> Action.DROP;
          case "truncate-ip" -> Action.TRUNCATE_IP;
          default -> throw EtlErrors.badValue(where + ".action", action, "hash, mask, drop or truncate-ip");
        };
    if (parsed != Action.TRUNCATE_IP && (c.hasPath("ipv4-prefix") || c.hasPath("ipv6-prefix"))) {
      throw EtlErrors.badValue(where + ".action", action,
          "truncate-ip where ipv4-prefix or ipv6-prefix is set (they apply to truncate-ip only; remove them)");
    }
    return new PiiRule(column, parsed, prefix(c, where, "ipv4-prefix", DEFAULT_IPV4_PREFIX, 32),
        prefix(c, where, "ipv6-prefix", DEFAULT_IPV6_PREFIX, 128));
  }

  private static int prefix(Config c, String where, String key, int dflt, int max) {
    if (!c.hasPath(key)) {
      return dflt;
    }
    Object value = c.getValue(key).unwrapped();
    int bits = value instanceof Integer i ? i : -1;
    if (bits < 0 || bits > max) {
      throw EtlErrors.badValue(where + "." + key, value, "a prefix length from 0 to " + max + " bits");
    }
    return bits;
  }
}
