package dev.loglake.common.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP endpoint standing in for an AWS service that speaks the query protocol (SNS,
 * CloudWatch): records each request the real SDK sends as its form parameters ({@code Action},
 * ...) plus {@code _content-type} and {@code _authorization}, and answers with a canned success
 * response, or with the canned error when told to fail. Gzip request bodies (the SDK compresses
 * large PutMetricData calls) are inflated first.
 */
public class QueryProtocolStub implements AutoCloseable {

  private final HttpServer server;
  private final List<Map<String, String>> requests = new ArrayList<>();
  private volatile int failWith;

  /** {@code answer} for success (HTTP 200), {@code error} when failing. Both text/xml. */
  public QueryProtocolStub(String answer, String error) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          InputStream in = exchange.getRequestBody();
          if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
          }
          Map<String, String> form = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          form.put("_content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
          form.put("_authorization", exchange.getRequestHeaders().getFirst("Authorization"));
          synchronized (requests) {
            requests.add(form);
          }
          byte[] body = (failWith == 0 ? answer : error).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(failWith == 0 ? 200 : failWith, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answer every request with this HTTP status and the error body; 0 = succeed again. */
  public void failWith(int status) {
    this.failWith = status;
  }

  public List<Map<String, String>> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return form;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
