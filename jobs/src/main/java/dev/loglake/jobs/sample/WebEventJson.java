package dev.loglake.jobs.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.SplittableRandom;

/**
 * Prints web events as one JSON object per line, with Jackson doing the escaping. About 0.2% of
 * events get a value of the wrong type ({@code "status":"abc"}, {@code "latency_ms":"fast"}, {@code
 * "bytes":"12kb"}), as sloppy client-side trackers produce. Not thread-safe.
 */
final class WebEventJson {

  /** Chance per event of a badly typed field, in 1/10,000. */
  static final int BAD_TYPE_PER_10K = 20;

  private static final JsonFactory FACTORY = new JsonFactory();

  private final StringWriter buffer = new StringWriter(512);
  private final JsonGenerator json;
  private final TextFormat time = new TextFormat();
  private final StringBuilder timestamp = new StringBuilder(32);

  WebEventJson() throws IOException {
    this.json = FACTORY.createGenerator(buffer);
    this.json.setRootValueSeparator(null);
  }

  /** Returns the JSON line (valid until the next call). */
  CharSequence format(WebEvent e, SplittableRandom random) throws IOException {
    buffer.getBuffer().setLength(0);
    int badField = random.nextInt(10_000) < BAD_TYPE_PER_10K ? 1 + random.nextInt(3) : 0;
    timestamp.setLength(0);
    time.appendMillis(timestamp, e.epochMillis());
    json.writeStartObject();
    json.writeStringField("event_id", e.eventId());
    json.writeStringField("event_ts", timestamp.toString());
    json.writeStringField("session_id", e.sessionId());
    json.writeStringField("user_id", e.userId());
    json.writeStringField("method", e.method());
    json.writeStringField("path", e.path());
    if (badField == 1) {
      json.writeStringField("status", "abc");
    } else {
      json.writeNumberField("status", e.status());
    }
    if (badField == 2) {
      json.writeStringField("latency_ms", "fast");
    } else {
      json.writeNumberField("latency_ms", e.latencyMs());
    }
    if (badField == 3) {
      json.writeStringField("bytes", e.bytes() / 1000 + "kb");
    } else {
      json.writeNumberField("bytes", e.bytes());
    }
    json.writeStringField("client_ip", e.clientIp());
    json.writeStringField("user_agent", e.userAgent());
    json.writeStringField("referrer", e.referrer());
    writeContext(e);
    json.writeEndObject();
    json.flush();
    return buffer.getBuffer();
  }

  /**
   * A tracker's nested context, read by the {@code source} paths of web_events.conf: {@code
   * {"page": {"url", "title"}, "device": {"type", "os"}}}, the device only with a user agent. Taken
   * from the event's own fields, so it draws no random numbers and the other fields stay as they were.
   */
  private void writeContext(WebEvent e) throws IOException {
    json.writeObjectFieldStart("context");
    json.writeObjectFieldStart("page");
    json.writeStringField("url", SITE + e.path());
    json.writeStringField("title", title(e.path()));
    json.writeEndObject();
    if (e.userAgent() != null) {
      json.writeObjectFieldStart("device");
      json.writeStringField("type", e.userAgent().contains("iPhone") || e.userAgent().contains("Android") ? "mobile" : "desktop");
      json.writeStringField("os", os(e.userAgent()));
      json.writeEndObject();
    }
    json.writeEndObject();
  }

  private static final String SITE = "https://" + AlbSite.WEB_HOST;

  /** The page's title: its path's last name, capitalised ({@code /category/shoes}: Shoes; {@code /}: Home). */
  static String title(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String last = p.substring(p.lastIndexOf('/') + 1);
    return last.isEmpty() ? "Home" : Character.toUpperCase(last.charAt(0)) + last.substring(1);
  }

  private static String os(String userAgent) {
    if (userAgent.contains("iPhone")) {
      return "iOS";
    }
    if (userAgent.contains("Android")) {
      return "Android";
    }
    if (userAgent.contains("Windows")) {
      return "Windows";
    }
    return userAgent.contains("Macintosh") ? "macOS" : "Linux";
  }
}
