package dev.loglake.common.silver;

/**
 * Truncates IP addresses for privacy: IPv4 keeps its /24 ({@code 203.0.113.0}), IPv6 its /48
 * ({@code 2001:db8:85a3::}). Text that is not an IP address becomes null rather than leaking.
 */
public final class IpTruncation {

  private IpTruncation() {}

  public static String truncate(String ip) {
    if (ip == null || ip.isBlank()) {
      return null;
    }
    String s = ip.strip();
    if (s.indexOf(':') < 0) {
      return truncateV4(s);
    }
    int[] groups = expandV6(s);
    return groups == null ? null : String.format("%x:%x:%x::", groups[0], groups[1], groups[2]);
  }

  private static String truncateV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return null;
      }
    }
    return parts[0] + "." + parts[1] + "." + parts[2] + ".0";
  }

  /** The 8 groups of an IPv6 address, or null when it is not one. */
  private static int[] expandV6(String s) {
    int dbl = s.indexOf("::");
    String[] head = dbl < 0 ? s.split(":", -1) : s.substring(0, dbl).isEmpty() ? new String[0] : s.substring(0, dbl).split(":", -1);
    String[] tail = dbl < 0 ? new String[0] : s.substring(dbl + 2).isEmpty() ? new String[0] : s.substring(dbl + 2).split(":", -1);
    if ((dbl < 0 && head.length != 8) || head.length + tail.length > (dbl < 0 ? 8 : 7)) {
      return null;
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      groups[i] = hex(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = hex(tail[i]);
    }
    for (int g : groups) {
      if (g < 0) {
        return null;
      }
    }
    return groups;
  }

  private static int hex(String g) {
    if (g.isEmpty() || g.length() > 4) {
      return -1;
    }
    try {
      return Integer.parseInt(g, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
