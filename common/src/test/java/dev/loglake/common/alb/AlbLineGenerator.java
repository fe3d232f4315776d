package dev.loglake.common.alb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds random valid ALB lines field by field, together with the values the parser must return
 * (as {@link AlbValues} gives them). Independent of the parser: timestamps are formatted with
 * java.time, numbers with String.format. Also feeds the benchmark data generator.
 */
final class AlbLineGenerator {

  /** A generated line of {@code fields} AWS fields and its expected 37 values. */
  record Generated(String line, Object[] expected, int fields) {}

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String[] TYPES = {"http", "https", "h2", "grpcs", "ws", "wss"};
  private static final String[] VERBS = {"GET", "POST", "PUT", "DELETE", "HEAD", "-"};
  private static final String[] ACTIONS = {"waf", "authenticate", "forward", "redirect"};
  private static final String TEXT =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/?=&:;.,_-()+*%~";

  private final Random random;
  private final boolean backslashEscapes;
  private final List<String> fields = new ArrayList<>();
  private final Object[] expected = new Object[AlbLogSchema.COLUMN_COUNT];

  AlbLineGenerator(long seed) {
    this(seed, false);
  }

  /**
   * With {@code backslashEscapes}, quoted text also holds {@code \"} and {@code \\} the way
   * shippers and test tools re-escape ALB lines (ALB itself writes {@code \x22}); the parser keeps
   * them verbatim, so they are part of the expected values.
   */
  AlbLineGenerator(long seed, boolean backslashEscapes) {
    this.random = new Random(seed);
    this.backslashEscapes = backslashEscapes;
  }

  /** A line of 33 fields, cut to a random layout of 20..33 fields, sometimes with extras. */
  Generated next() {
    int n = random.nextInt(3) == 0 ? AlbLogParser.MIN_FIELDS + random.nextInt(14) : 33;
    return next(n, n == 33 && random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0);
  }

  /** A line of {@code n} fields followed by {@code extra} unknown trailing fields. */
  Generated next(int n, int extra) {
    fields.clear();
    Arrays.fill(expected, null);
    head();
    request();
    middle();
    tail();
    Object[] want = expected.clone();
    for (int f = n; f < 33; f++) {
      nullColumnsOf(f, want);
    }
    List<String> used = new ArrayList<>(fields.subList(0, n));
    for (int i = 0; i < extra; i++) {
      used.add(random.nextBoolean() ? "future" + i : "\"future " + i + "\"");
    }
    return new Generated(String.join(" ", used), want, n);
  }

  private static void nullColumnsOf(int field, Object[] want) {
    if (field == 3 || field == 4) {
      int col = field == 3 ? 3 : 5;
      want[col] = null;
      want[col + 1] = null;
    } else if (field == 12) {
      want[14] = null;
      want[15] = null;
      want[16] = null;
    } else {
      want[field < 12 ? field + 2 : field + 4] = null;
    }
  }

  private void head() {
    bare(AlbLogSchema.TYPE, TYPES[random.nextInt(TYPES.length)]);
    timestamp(AlbLogSchema.TIME, false);
    bare(AlbLogSchema.ELB, "app/lb-" + random.nextInt(100) + "/" + hex(16));
    ipPort(3, false);
    ipPort(5, true);
    for (String col : List.of("request_processing_time", "target_processing_time",
        "response_processing_time")) {
      String v = random.nextInt(10) == 0 ? "-1" : String.format(java.util.Locale.ROOT, "%.3f", random.nextInt(5000) / 1000.0);
      fields.add(v);
      expected[AlbLogSchema.ordinal(col)] = Double.parseDouble(v);
    }
    integer(AlbLogSchema.ELB_STATUS_CODE, false);
    integer(AlbLogSchema.TARGET_STATUS_CODE, true);
    for (String col : List.of(AlbLogSchema.RECEIVED_BYTES, AlbLogSchema.SENT_BYTES)) {
      long v = random.nextInt(4) == 0 ? (long) (random.nextDouble() * 1e12) : random.nextInt(5000);
      fields.add(Long.toString(v));
      expected[AlbLogSchema.ordinal(col)] = v;
    }
  }

  private void request() {
    String verb = VERBS[random.nextInt(VERBS.length)];
    String proto = random.nextInt(8) == 0 ? "-" : random.nextBoolean() ? "HTTP/1.1" : "HTTP/2.0";
    String url = "https://h" + random.nextInt(9) + ".example.com:443/" + text(0, 40, false);
    if (random.nextInt(5) == 0) {
      url = url + " " + text(1, 10, false); // SpaceInUri
    }
    fields.add("\"" + verb + " " + url + " " + proto + "\"");
    expected[14] = verb.equals("-") ? null : verb;
    expected[15] = url;
    expected[16] = proto.equals("-") ? null : proto;
  }

  private void middle() {
    quoted(AlbLogSchema.USER_AGENT, text(0, 60, true));
    bare(AlbLogSchema.SSL_CIPHER, pick("-", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_AES_128_GCM_SHA256"));
    bare(AlbLogSchema.SSL_PROTOCOL, pick("-", "TLSv1.2", "TLSv1.3"));
    bare(AlbLogSchema.TARGET_GROUP_ARN, pick("-", "arn:aws:elasticloadbalancing:x:1:targetgroup/t/" + hex(16)));
    quoted(AlbLogSchema.TRACE_ID, pick("-", "Root=1-" + hex(8) + "-" + hex(24)));
    quoted(AlbLogSchema.DOMAIN_NAME, pick("-", "*", " lead.example.com", text(1, 20, false)));
    quoted(AlbLogSchema.CHOSEN_CERT_ARN, pick("-", "session-reused", "arn:aws:acm:x:1:certificate/" + hex(8)));
    integer(AlbLogSchema.MATCHED_RULE_PRIORITY, true);
    timestamp(AlbLogSchema.REQUEST_CREATION_TIME, true);
    actions();
    quoted(AlbLogSchema.REDIRECT_URL, pick("-", "https://x.example.com/" + text(0, 20, true)));
    quoted(AlbLogSchema.ERROR_REASON, pick("-", "LambdaInvalidResponse", "AuthInvalidCookie"));
  }

  private void tail() {
    int targets = random.nextInt(4);
    List<String> ports = new ArrayList<>();
    List<Integer> codes = new ArrayList<>();
    for (int i = 0; i < targets; i++) {
      ports.add(ip() + ":" + random.nextInt(65536));
      codes.add(random.nextInt(6) == 0 ? null : 100 + random.nextInt(500));
    }
    boolean quote = random.nextInt(5) != 0 || targets > 1;
    String portText = targets == 0 ? "-" : String.join(" ", ports);
    String codeText = targets == 0 ? "-" : String.join(" ", codes.stream().map(c -> c == null ? "-" : c.toString()).toList());
    fields.add(quote ? "\"" + portText + "\"" : portText);
    fields.add(quote ? "\"" + codeText + "\"" : codeText);
    expected[29] = targets == 0 ? null : ports;
    // A whole-field "-" is null even when it stands for a one-item list of "no status".
    expected[30] = codeText.equals("-") ? null : codes;
    quoted(AlbLogSchema.CLASSIFICATION, pick("-", "Acceptable", "Ambiguous", "Severe"));
    quoted(AlbLogSchema.CLASSIFICATION_REASON, pick("-", "SpaceInUri", "BadHeader"));
    bare(AlbLogSchema.CONN_TRACE_ID, pick("-", "TID_" + hex(32)));
    quoted(AlbLogSchema.TRANSFORMED_HOST, pick("-", "h.example.com"));
    quoted(AlbLogSchema.TRANSFORMED_URI, pick("-", "/" + text(0, 30, true)));
    quoted(AlbLogSchema.REQUEST_TRANSFORM_STATUS, pick("-", "Success", text(1, 8, false)));
  }

  private void actions() {
    int kind = random.nextInt(8);
    if (kind == 0) {
      fields.add("\"-\"");
    } else if (kind == 1) {
      fields.add("\"\"");
      expected[26] = List.of();
    } else {
      List<String> list = new ArrayList<>();
      for (int i = 0; i <= random.nextInt(3); i++) {
        list.add(ACTIONS[random.nextInt(ACTIONS.length)]);
      }
      fields.add("\"" + String.join(",", list) + "\"");
      expected[26] = list;
    }
  }

  private void bare(String col, String value) {
    fields.add(value);
    expected[AlbLogSchema.ordinal(col)] = value.equals("-") ? null : value;
  }

  private void quoted(String col, String value) {
    fields.add("\"" + value + "\"");
    expected[AlbLogSchema.ordinal(col)] = value.equals("-") ? null : value;
  }

  private void integer(String col, boolean nullable) {
    if (nullable && random.nextInt(5) == 0) {
      fields.add("-");
      return;
    }
    int v = col.equals(AlbLogSchema.MATCHED_RULE_PRIORITY) ? random.nextInt(50001) - 1 : 100 + random.nextInt(500);
    fields.add(Integer.toString(v));
    expected[AlbLogSchema.ordinal(col)] = v;
  }

  private void timestamp(String col, boolean nullable) {
    if (nullable && random.nextInt(10) == 0) {
      fields.add("-");
      return;
    }
    long micros = 1_450_000_000_000_000L + (long) (random.nextDouble() * 500_000_000_000_000L);
    Instant t = Instant.EPOCH.plusNanos(micros * 1000);
    fields.add(TS.format(t));
    expected[AlbLogSchema.ordinal(col)] = t;
  }

  private void ipPort(int col, boolean nullable) {
    if (nullable && random.nextInt(5) == 0) {
      fields.add("-");
      return;
    }
    String ip = ip();
    int port = random.nextInt(65536);
    fields.add(ip + ":" + port);
    expected[col] = ip;
    expected[col + 1] = port;
  }

  private String ip() {
    if (random.nextInt(4) == 0) {
      return "2001:db8:" + Integer.toHexString(random.nextInt(65536)) + "::" + Integer.toHexString(random.nextInt(65536));
    }
    return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  /**
   * Text without raw quotes; with spaces, {@code \x22} escapes and non-ASCII if allowed (and
   * backslash escapes if this generator makes them).
   */
  private String text(int min, int max, boolean spacesAndEscapes) {
    int n = min + random.nextInt(max - min + 1);
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      int r = random.nextInt(40);
      if (spacesAndEscapes && r == 0) {
        sb.append(' ');
      } else if (spacesAndEscapes && r == 1) {
        sb.append("\\x22");
      } else if (spacesAndEscapes && r == 2) {
        sb.append(random.nextBoolean() ? 'é' : '한');
      } else if (spacesAndEscapes && backslashEscapes && r < 6) {
        sb.append(r == 3 ? "\\\"" : r == 4 ? "\\\" " : "\\\\");
      } else {
        sb.append(TEXT.charAt(random.nextInt(TEXT.length())));
      }
    }
    String s = sb.toString();
    return s.isEmpty() || s.equals("-") ? "x" + s : s;
  }
}
