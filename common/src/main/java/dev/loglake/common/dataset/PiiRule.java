package dev.loglake.common.dataset;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;

/** What to do with a column holding personal data. */
public record PiiRule(String column, Action action) {

  /** The PII treatments. */
  public enum Action {
    /** SHA-256 of salt + value, hex. */
    HASH,
    /** All but the last 4 characters replaced by '*'. */
    MASK,
    /** The column is removed. */
    DROP,
    /** IPv4 keeps its /24 (last octet 0), IPv6 its /48. */
    TRUNCATE_IP
  }

  static PiiRule from(Config c, String where) {
    String column = Configs.requireString(c, "column", "Each PII rule in " + where + " names a column.");
    String action = Configs.requireString(c, "action", "Each PII rule in " + where + " has an action.");
    return new PiiRule(
        column,
        switch (action) {
          case "hash" -> Action.HASH;
          case "mask" -> Action.MASK;
          case "drop" -> Action.DROP;
          case "truncate-ip" -> Action.TRUNCATE_IP;
          default -> throw EtlErrors.badValue(
              where + ".pii.action", action, "hash, mask, drop or truncate-ip");
        });
  }
}
