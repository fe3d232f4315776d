package dev.loglake.common.silver;

/**
 * Truncates IP addresses for privacy: an IPv4 address keeps its first {@code ipv4Prefix} bits
 * ({@code /24}: {@code 203.0.113.0}), an IPv6 address its first {@code ipv6Prefix} bits ({@code /48}:
 * {@code 2001:db8:85a3::}, the groups the prefix covers followed by {@code ::}). Text that is not
 * an IP address becomes null rather than leaking. Runs once per row of every batch (ALB logs:
 * millions), so it scans characters instead of splitting or formatting strings.
 */
public final class IpTruncation {

  private IpTruncation() {}

  /** {@code /24} for IPv4, {@code /48} for IPv6. */
  public static String truncate(String ip) {
    return truncate(ip, 24, 48);
  }

  public static String truncate(String ip, int ipv4Prefix, int ipv6Prefix) {
    if (ip == null || ip.isBlank()) {
      return null;
    }
    String s = ip.strip();
    if (s.indexOf(':') < 0) {
      long v4 = parseV4(s);
      return v4 < 0 ? null : formatV4(v4 & (0xFFFFFFFFL << (32 - ipv4Prefix)) & 0xFFFFFFFFL);
    }
    int[] groups = parseV6(s);
    return groups == null ? null : formatV6(groups, ipv6Prefix);
  }

  /** The address as an unsigned 32-bit value, or -1 when {@code s} is not four dotted decimals 0-255. */
  private static long parseV4(String s) {
    long address = 0;
    int parts = 0;
    int i = 0;
    while (i <= s.length()) {
      int start = i;
      int value = 0;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        value = value * 10 + (s.charAt(i) - '0');
        i++;
      }
      int digits = i - start;
      if (digits == 0 || digits > 3 || value > 255 || ++parts > 4) {
        return -1;
      }
      address = (address << 8) | value;
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
    return parts == 4 ? address : -1;
  }

  private static String formatV4(long a) {
    return new StringBuilder(15)
        .append(a >>> 24).append('.')
        .append((a >>> 16) & 0xFF).append('.')
        .append((a >>> 8) & 0xFF).append('.')
        .append(a & 0xFF)
        .toString();
  }

  /** The 8 groups of an IPv6 address, or null when it is not one. */
  private static int[] parseV6(String s) {
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    int[] head = groups(dbl < 0 ? s : s.substring(0, dbl));
    int[] tail = dbl < 0 ? new int[0] : groups(s.substring(dbl + 2));
    if (head == null || tail == null || (dbl < 0 && head.length != 8) || head.length + tail.length > (dbl < 0 ? 8 : 7)) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(tail, 0, out, 8 - tail.length, tail.length);
    return out;
  }

  /** The colon-separated hex groups of {@code part} (empty: none), or null when one is not 1-4 hex digits. */
  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    int n = 1;
    for (int i = 0; i < part.length(); i++) {
      n += part.charAt(i) == ':' ? 1 : 0;
    }
    if (n > 8) {
      return null;
    }
    int[] out = new int[n];
    int g = 0;
    int digits = 0;
    for (int i = 0; i <= part.length(); i++) {
      char c = i < part.length() ? part.charAt(i) : ':';
      if (c == ':') {
        if (digits == 0) {
          return null;
        }
        g++;
        digits = 0;
        continue;
      }
      int d = Character.digit(c, 16);
      if (d < 0 || ++digits > 4) {
        return null;
      }
      out[g] = (out[g] << 4) | d;
    }
    return out;
  }

  private static String formatV6(int[] groups, int prefix) {
    int kept = (prefix + 15) / 16;
    StringBuilder out = new StringBuilder(41);
    for (int g = 0; g < kept; g++) {
      int bits = Math.min(16, prefix - 16 * g);
      if (g > 0) {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[g] & (0xFFFF << (16 - bits)) & 0xFFFF));
    }
    return kept == 8 ? out.toString() : out.append("::").toString();
  }
}
