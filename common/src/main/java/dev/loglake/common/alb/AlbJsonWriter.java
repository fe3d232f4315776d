package dev.loglake.common.alb;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes parsed lines as JSON Lines: one object per line with the 37 {@link AlbLogSchema} columns
 * in order (timestamps as {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, lists as arrays, null for null), and
 * rejected lines as {@code {"_malformed":true,"reason":"...","line":N}}. The golden test files use
 * the same shape.
 */
public final class AlbJsonWriter implements Closeable {

  private final JsonGenerator gen;

  /** Writes UTF-8 to {@code out}; closing this writer closes {@code out}. */
  public AlbJsonWriter(OutputStream out) {
    try {
      this.gen = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gen.setRootValueSeparator(null);
  }

  /** Writes the parser's current, accepted line. */
  public void writeParsed(AlbLogParser p) {
    try {
      gen.writeStartObject();
      for (int col = 0; col < AlbLogSchema.COLUMN_COUNT; col++) {
        gen.writeFieldName(AlbLogSchema.COLUMNS.get(col));
        writeValue(p, col);
      }
      gen.writeEndObject();
      gen.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeRejected(String reason, long lineNumber) {
    try {
      gen.writeStartObject();
      gen.writeBooleanField("_malformed", true);
      gen.writeStringField("reason", reason);
      gen.writeNumberField("line", lineNumber);
      gen.writeEndObject();
      gen.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeValue(AlbLogParser p, int col) throws IOException {
    if (p.isNull(col)) {
      gen.writeNull();
      return;
    }
    switch (AlbLogSchema.kind(col)) {
      case STRING -> gen.writeString(p.stringValue(col));
      case INT, LONG -> gen.writeNumber(p.longValue(col));
      case DOUBLE -> gen.writeNumber(p.doubleValue(col));
      case TIMESTAMP -> gen.writeString(AlbTimestamps.format(p.longValue(col)));
      case STRING_LIST, INT_LIST -> writeList(p, col);
    }
  }

  private void writeList(AlbLogParser p, int col) throws IOException {
    int[] items = AlbValues.listItems(p, col);
    byte[] b = p.buffer();
    boolean ints = AlbLogSchema.kind(col) == AlbLogSchema.Kind.INT_LIST;
    gen.writeStartArray();
    for (int i = 0; i < items.length; i += 2) {
      if (ints) {
        Integer v = AlbValues.intItem(b, items[i], items[i + 1]);
        if (v == null) {
          gen.writeNull();
        } else {
          gen.writeNumber(v);
        }
      } else {
        gen.writeString(new String(b, items[i], items[i + 1] - items[i], StandardCharsets.UTF_8));
      }
    }
    gen.writeEndArray();
  }

  public void flush() {
    try {
      gen.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      gen.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
