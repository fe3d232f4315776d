package dev.loglake.common.io;

import dev.loglake.common.dataset.RawSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What a raw file's first bytes say it holds (magic numbers: PAR1, ORC, Obj\1, gzip, zip; else text
 * or binary data), and whether that fits the format its dataset declares. A file of the wrong
 * format fails alone, with a reason naming what was found and what was expected, instead of being
 * read as garbage rows (binary data in a JSON dataset) or failing the whole batch (a CSV file in a
 * Parquet dataset).
 */
public final class FileSignature {

  /** How many leading bytes are looked at. */
  public static final int HEAD = 512;

  /** The kinds of content told apart. */
  public enum Kind {
    EMPTY("no data"),
    PARQUET("a Parquet file"),
    ORC("an ORC file"),
    AVRO("an Avro file"),
    GZIP("gzip-compressed data"),
    ZIP("a zip archive"),
    BINARY("binary data"),
    JSON("JSON text"),
    TEXT("text");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private FileSignature() {}

  /** The first {@value #HEAD} bytes of {@code in}, which must support mark/reset; the stream is reset. */
  public static byte[] peek(InputStream in) throws IOException {
    in.mark(HEAD);
    byte[] head = in.readNBytes(HEAD);
    in.reset();
    return head;
  }

  public static Kind of(byte[] head) {
    if (head.length == 0) {
      return Kind.EMPTY;
    }
    String magic = new String(head, 0, Math.min(4, head.length), StandardCharsets.ISO_8859_1);
    if (magic.startsWith("PAR1")) {
      return Kind.PARQUET;
    }
    if (magic.startsWith("ORC")) {
      return Kind.ORC;
    }
    if (magic.equals("Obj\u0001")) {
      return Kind.AVRO;
    }
    if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Kind.GZIP;
    }
    if (magic.equals("PK\u0003\u0004")) {
      return Kind.ZIP;
    }
    if (binary(head)) {
      return Kind.BINARY;
    }
    String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
    return text.startsWith("{") || text.startsWith("[") ? Kind.JSON : Kind.TEXT;
  }

  /**
   * Why {@code file}, whose (decompressed) content starts with {@code head}, cannot be read as
   * {@code expected}; null when it can. Text formats take any text (a JSON dataset text that
   * starts as JSON); Parquet, ORC and Avro take only their own magic number.
   */
  public static String mismatch(String file, RawSource.Format expected, byte[] head) {
    Kind found = of(head);
    boolean fits = switch (expected) {
      case PARQUET -> found == Kind.PARQUET;
      case ORC -> found == Kind.ORC;
      case AVRO -> found == Kind.AVRO;
      case JSON -> found == Kind.JSON || found == Kind.EMPTY;
      case CSV, TEXT -> found == Kind.TEXT || found == Kind.JSON || found == Kind.EMPTY;
      case ALB, AUTO -> true;
    };
    if (fits) {
      return null;
    }
    String what = found == Kind.TEXT ? "text starting \"" + start(head) + "\"" : found.label();
    return file + " holds " + what + ", not the " + expected.name().toLowerCase(Locale.ROOT)
        + " its dataset's raw.format declares; remove the file from the dataset's raw path, or set raw.format"
        + " to the files' format (auto detects it per file)";
  }

  /** NUL bytes, or more than 5% control characters other than tab, CR, LF and form feed. */
  private static boolean binary(byte[] head) {
    int control = 0;
    for (byte b : head) {
      int c = b & 0xff;
      if (c == 0) {
        return true;
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) {
        control++;
      }
    }
    return control * 20 > head.length;
  }

  private static String start(byte[] head) {
    String s = new String(head, 0, Math.min(24, head.length), StandardCharsets.UTF_8);
    int nl = s.indexOf('\n');
    return (nl >= 0 ? s.substring(0, nl) : s).strip();
  }
}
