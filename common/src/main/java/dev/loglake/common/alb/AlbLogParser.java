package dev.loglake.common.alb;

import java.nio.charset.StandardCharsets;

/**
 * Single-pass tokenizer for one ALB access-log line. It scans the bytes once, records where each
 * value lies and parses numbers and timestamps in place; strings are only built when a
 * materializer asks for them ({@link AlbValues} for Java, {@code AlbUnsafeRows} for Spark).
 *
 * <p>The AWS field order (1-based; Q = written in double quotes):
 *
 * <pre>
 *  1 type              12 sent_bytes           23 actions_executed Q
 *  2 time              13 request Q            24 redirect_url Q
 *  3 elb               14 user_agent Q         25 error_reason Q
 *  4 client:port       15 ssl_cipher           26 target:port_list Q
 *  5 target:port       16 ssl_protocol         27 target_status_code_list Q
 *  6 request_proc_time 17 target_group_arn     28 classification Q
 *  7 target_proc_time  18 trace_id Q           29 classification_reason Q
 *  8 response_proc_time 19 domain_name Q       30 conn_trace_id
 *  9 elb_status_code   20 chosen_cert_arn Q    31 transformed_host Q
 * 10 target_status_code 21 matched_rule_priority 32 transformed_uri Q
 * 11 received_bytes    22 request_creation_time 33 request_transform_status Q
 * </pre>
 *
 * <p>Rules: fields are separated by one space; any field may be quoted or bare; a quoted value ends
 * at the first unescaped {@code "} followed by a space or the end of the line, where a backslash
 * escapes the next character (ALB writes inner quotes as {@code \x22}; shippers and test tools
 * re-escape them as {@code \"}, which never ends a value), and is kept verbatim, escapes included.
 * {@code -} or {@code "-"} is null; the timings keep {@code -1}. Lines of 20 to 33 fields are
 * accepted (older layouts; missing trailing fields are null); fields after the 33rd are ignored
 * because AWS only ever appends. {@code ip:port} values split at the last colon (IPv6 is written
 * without brackets). The request splits into verb (before the first space), protocol (after the
 * last space) and URL (between, may contain spaces). Anything else is rejected with a reason.
 *
 * <p>Instances hold per-line state and are reused line after line: not thread-safe.
 */
public final class AlbLogParser {

  public static final int MIN_FIELDS = 20;
  public static final int MAX_FIELDS = 33;

  /** AWS field names, 0-based, used in reject reasons. */
  static final String[] FIELD_NAMES = {
    "type", "time", "elb", "client:port", "target:port", "request_processing_time",
    "target_processing_time", "response_processing_time", "elb_status_code",
    "target_status_code", "received_bytes", "sent_bytes", "request", "user_agent", "ssl_cipher",
    "ssl_protocol", "target_group_arn", "trace_id", "domain_name", "chosen_cert_arn",
    "matched_rule_priority", "request_creation_time", "actions_executed", "redirect_url",
    "error_reason", "target:port_list", "target_status_code_list", "classification",
    "classification_reason", "conn_trace_id", "transformed_host", "transformed_uri",
    "request_transform_status"
  };

  private static final int COLS = AlbLogSchema.COLUMN_COUNT;
  private static final int MAX_SNIPPET = 80;

  private byte[] buf = new byte[0];
  private final int[] start = new int[COLS];
  private final int[] end = new int[COLS];
  private final long[] longs = new long[COLS];
  private final double[] doubles = new double[COLS];
  private int fieldCount;
  private String reason;

  /** Parses {@code line} (UTF-8 encoded); see {@link #parse(byte[], int, int)}. */
  public boolean parse(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, 0, bytes.length);
  }

  /**
   * Tokenizes {@code len} bytes at {@code off} (trailing CR, LF and spaces are ignored). Returns
   * true if the line is an ALB entry, false if rejected ({@link #rejectReason()} says why). Never
   * throws on bad input. The accessors then read this line until the next call; they refer into
   * {@code line}, which must stay unchanged meanwhile.
   */
  public boolean parse(byte[] line, int off, int len) {
    this.buf = line;
    this.reason = null;
    this.fieldCount = 0;
    java.util.Arrays.fill(start, -1);
    int stop = off + len;
    while (stop > off && isLineEnd(line[stop - 1])) {
      stop--;
    }
    if (stop == off) {
      return reject("empty line");
    }
    if (!tokenize(off, stop)) {
      return false;
    }
    if (fieldCount < MIN_FIELDS) {
      return reject(
          "only " + fieldCount + " fields; an ALB access log line has at least " + MIN_FIELDS);
    }
    return true;
  }

  private static boolean isLineEnd(byte b) {
    return b == '\n' || b == '\r' || b == ' ';
  }

  private boolean tokenize(int pos, int stop) {
    while (pos < stop && fieldCount < MAX_FIELDS) {
      int from;
      int to;
      if (buf[pos] == '"') {
        from = pos + 1;
        to = closingQuote(from, stop);
        if (to < 0) {
          return rejectField(fieldCount, "unterminated quoted value", from - 1, stop);
        }
        pos = to + 2;
      } else {
        from = pos;
        to = AlbBytes.indexOfEither(buf, (byte) ' ', (byte) '"', pos, stop);
        if (to >= 0 && buf[to] == '"') {
          // The rest of a quoted value that an unescaped inner quote cut short: every later field
          // would be shifted, so the line cannot be tokenized.
          int tokenEnd = indexOf(' ', to, stop);
          return rejectField(fieldCount, "stray quote in an unquoted value (an unescaped \" inside"
              + " an earlier quoted value?)", from, tokenEnd < 0 ? stop : tokenEnd);
        }
        to = to < 0 ? stop : to;
        pos = to + 1;
      }
      if (!AlbFieldDecoder.decode(this, fieldCount, from, to)) {
        return false;
      }
      fieldCount++;
    }
    return true;
  }

  /**
   * The closing quote of a quoted value that starts at {@code from}: the first {@code "} that is
   * not escaped and is followed by a space or the end of the line. Inside quotes a backslash
   * escapes the next character, so {@code \"} never ends the value, whatever follows it.
   */
  private int closingQuote(int from, int stop) {
    for (int i = indexOf('"', from, stop); i >= 0; i = indexOf('"', i + 1, stop)) {
      if ((i + 1 == stop || buf[i + 1] == ' ') && !isEscaped(i, from)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the byte at {@code i} follows an odd run of backslashes that starts at or after {@code from}. */
  private boolean isEscaped(int i, int from) {
    int j = i - 1;
    while (j >= from && buf[j] == '\\') {
      j--;
    }
    return ((i - 1 - j) & 1) == 1;
  }

  int indexOf(char c, int from, int to) {
    return AlbBytes.indexOf(buf, (byte) c, from, to);
  }

  int lastIndexOf(char c, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      if (buf[i] == c) {
        return i;
      }
    }
    return -1;
  }

  boolean isDash(int from, int to) {
    return to - from == 1 && buf[from] == '-';
  }

  // ---- state setters used by AlbFieldDecoder ----

  void setRange(int col, int from, int to) {
    start[col] = from;
    end[col] = to;
  }

  void setLong(int col, int from, int to, long value) {
    setRange(col, from, to);
    longs[col] = value;
  }

  void setDouble(int col, int from, int to, double value) {
    setRange(col, from, to);
    doubles[col] = value;
  }

  boolean reject(String why) {
    this.reason = why;
    return false;
  }

  boolean rejectField(int field, String problem, int from, int to) {
    return reject(
        "field " + (field + 1) + " " + FIELD_NAMES[field] + ": " + problem + ": '"
            + snippet(from, to) + "'");
  }

  private String snippet(int from, int to) {
    int n = Math.min(to - from, MAX_SNIPPET);
    String s = new String(buf, from, n, StandardCharsets.UTF_8);
    return n < to - from ? s + "..." : s;
  }

  // ---- accessors for the last parsed line ----

  /** Why the last line was rejected, or null if it was accepted. */
  public String rejectReason() {
    return reason;
  }

  public boolean isRejected() {
    return reason != null;
  }

  /** How many AWS fields the last line had (capped at {@link #MAX_FIELDS}). */
  public int fieldCount() {
    return fieldCount;
  }

  public boolean isNull(int col) {
    return start[col] < 0;
  }

  /** Value of an INT, LONG or TIMESTAMP (micros since epoch) column; undefined if null. */
  public long longValue(int col) {
    return longs[col];
  }

  public int intValue(int col) {
    return (int) longs[col];
  }

  public double doubleValue(int col) {
    return doubles[col];
  }

  /** The bytes the last line was parsed from; string values are {@code [start, end)} ranges. */
  public byte[] buffer() {
    return buf;
  }

  public int start(int col) {
    return start[col];
  }

  public int end(int col) {
    return end[col];
  }

  /** A STRING column as a Java string (UTF-8 decoded), or null. */
  public String stringValue(int col) {
    if (isNull(col)) {
      return null;
    }
    return new String(buf, start[col], end[col] - start[col], StandardCharsets.UTF_8);
  }
}
