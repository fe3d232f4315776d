package dev.loglake.common.alb;

import static dev.loglake.common.alb.AlbNumbers.INVALID;

/**
 * Decodes one tokenized AWS field into the parser's column state: the field-to-column mapping and
 * the per-field rules ({@code -} is null, ip:port split, request split, number checks).
 */
final class AlbFieldDecoder {

  private enum Rule {
    TYPE, REQUIRED_TIME, REQUIRED_STRING, CLIENT, TARGET, DOUBLE, INT, LONG, REQUEST, STRING,
    TIME, LIST, INT_LIST
  }

  /** Rule per AWS field (0-based), and the first schema column it fills. */
  private static final Rule[] RULES = new Rule[AlbLogParser.MAX_FIELDS];

  private static final int[] COLUMN = new int[AlbLogParser.MAX_FIELDS];

  static {
    Rule[] head = {
      Rule.TYPE, Rule.REQUIRED_TIME, Rule.REQUIRED_STRING, Rule.CLIENT, Rule.TARGET,
      Rule.DOUBLE, Rule.DOUBLE, Rule.DOUBLE, Rule.INT, Rule.INT, Rule.LONG, Rule.LONG, Rule.REQUEST
    };
    int[] headColumns = {0, 1, 2, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14};
    for (int f = 0; f < AlbLogParser.MAX_FIELDS; f++) {
      // From user_agent on, each field fills exactly one column: request took three (13 -> 14..16).
      COLUMN[f] = f < head.length ? headColumns[f] : f + 4;
      RULES[f] = f < head.length ? head[f] : ruleForKind(AlbLogSchema.kind(f + 4));
    }
  }

  private AlbFieldDecoder() {}

  private static Rule ruleForKind(AlbLogSchema.Kind kind) {
    return switch (kind) {
      case INT -> Rule.INT;
      case TIMESTAMP -> Rule.TIME;
      case STRING_LIST -> Rule.LIST;
      case INT_LIST -> Rule.INT_LIST;
      default -> Rule.STRING;
    };
  }

  /** Stores field {@code f} whose value is {@code [from, to)}; false (with a reason) to reject. */
  static boolean decode(AlbLogParser p, int f, int from, int to) {
    int col = COLUMN[f];
    boolean dash = p.isDash(from, to);
    switch (RULES[f]) {
      case TYPE:
        return isRequestType(p.buffer(), from, to)
            ? store(p, col, from, to)
            : p.rejectField(f, "not an ALB entry type (http, https, h2, grpcs, ws, wss)", from, to);
      case REQUIRED_STRING:
        return dash ? p.rejectField(f, "missing value", from, to) : store(p, col, from, to);
      case REQUIRED_TIME:
        return dash ? p.rejectField(f, "missing value", from, to) : time(p, f, col, from, to);
      case CLIENT:
      case TARGET:
        return ipPort(p, f, col, from, to, RULES[f] == Rule.CLIENT);
      case REQUEST:
        return dash || request(p, col, from, to);
      case STRING:
      case LIST:
        return dash || store(p, col, from, to);
      default:
        return dash || number(p, f, col, from, to);
    }
  }

  private static boolean number(AlbLogParser p, int f, int col, int from, int to) {
    byte[] b = p.buffer();
    switch (RULES[f]) {
      case DOUBLE:
        double d = AlbNumbers.parseDouble(b, from, to);
        if (Double.isNaN(d)) {
          return p.rejectField(f, "not a number", from, to);
        }
        p.setDouble(col, from, to, d);
        return true;
      case INT:
        return integer(p, f, col, from, to, AlbNumbers.parseInt(b, from, to));
      case LONG:
        return integer(p, f, col, from, to, AlbNumbers.parseLong(b, from, to));
      case TIME:
        return time(p, f, col, from, to);
      default:
        return intList(p, f, col, from, to);
    }
  }

  private static boolean store(AlbLogParser p, int col, int from, int to) {
    p.setRange(col, from, to);
    return true;
  }

  private static boolean integer(AlbLogParser p, int f, int col, int from, int to, long v) {
    if (v == INVALID) {
      return p.rejectField(f, "not an integer", from, to);
    }
    p.setLong(col, from, to, v);
    return true;
  }

  private static boolean time(AlbLogParser p, int f, int col, int from, int to) {
    long micros = AlbTimestamps.parseMicros(p.buffer(), from, to);
    if (micros == INVALID) {
      return p.rejectField(f, "not an ISO-8601 UTC timestamp", from, to);
    }
    p.setLong(col, from, to, micros);
    return true;
  }

  /** {@code host:port}, split at the last colon so unbracketed IPv6 hosts stay whole. */
  private static boolean ipPort(
      AlbLogParser p, int f, int col, int from, int to, boolean required) {
    if (p.isDash(from, to)) {
      return !required || p.rejectField(f, "missing value", from, to);
    }
    int colon = p.lastIndexOf(':', from, to);
    if (colon < 0) {
      return p.rejectField(f, "no ':port' in value", from, to);
    }
    long port = AlbNumbers.parseInt(p.buffer(), colon + 1, to);
    if (port == INVALID) {
      return p.rejectField(f, "port is not an integer", from, to);
    }
    p.setRange(col, from, colon);
    p.setLong(col + 1, colon + 1, to, port);
    return true;
  }

  /**
   * {@code VERB URL PROTO}: verb before the first space, protocol after the last space of the rest
   * (trailing spaces ignored), URL between. With no second space the rest is the URL, which covers
   * {@code "- http://host:80- "}; {@code "- http://host:80- -"} gives URL {@code http://host:80-}.
   */
  private static boolean request(AlbLogParser p, int col, int from, int to) {
    int space = p.indexOf(' ', from, to);
    if (space < 0) {
      storeUnlessDash(p, col, from, to);
      return true;
    }
    storeUnlessDash(p, col, from, space);
    int restFrom = space + 1;
    int restTo = to;
    while (restTo > restFrom && p.buffer()[restTo - 1] == ' ') {
      restTo--;
    }
    int last = p.lastIndexOf(' ', restFrom, restTo);
    if (last < 0) {
      storeUnlessDash(p, col + 1, restFrom, restTo);
    } else {
      storeUnlessDash(p, col + 1, restFrom, last);
      storeUnlessDash(p, col + 2, last + 1, restTo);
    }
    return true;
  }

  private static void storeUnlessDash(AlbLogParser p, int col, int from, int to) {
    if (to > from && !p.isDash(from, to)) {
      p.setRange(col, from, to);
    }
  }

  /** Space-separated status codes; a {@code -} item stays a null element. */
  private static boolean intList(AlbLogParser p, int f, int col, int from, int to) {
    byte[] b = p.buffer();
    int itemFrom = from;
    for (int i = from; i <= to; i++) {
      if (i == to || b[i] == ' ') {
        boolean ok = p.isDash(itemFrom, i) || AlbNumbers.parseInt(b, itemFrom, i) != INVALID;
        if (!ok && !(i == to && itemFrom == from && from == to)) {
          return p.rejectField(f, "not a list of integers", from, to);
        }
        itemFrom = i + 1;
      }
    }
    p.setRange(col, from, to);
    return true;
  }

  private static boolean isRequestType(byte[] b, int from, int to) {
    return switch (to - from) {
      case 2 -> is(b, from, H2) || is(b, from, WS);
      case 3 -> is(b, from, WSS);
      case 4 -> is(b, from, HTTP);
      case 5 -> is(b, from, HTTPS) || is(b, from, GRPCS);
      default -> false;
    };
  }

  private static final byte[] H2 = {'h', '2'};
  private static final byte[] WS = {'w', 's'};
  private static final byte[] WSS = {'w', 's', 's'};
  private static final byte[] HTTP = {'h', 't', 't', 'p'};
  private static final byte[] HTTPS = {'h', 't', 't', 'p', 's'};
  private static final byte[] GRPCS = {'g', 'r', 'p', 'c', 's'};

  private static boolean is(byte[] b, int from, byte[] word) {
    for (int i = 0; i < word.length; i++) {
      if (b[from + i] != word[i]) {
        return false;
      }
    }
    return true;
  }
}
