package dev.loglake.common.report;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local HTTP endpoint standing in for SNS: records each request the real SDK sends (its form
 * parameters: Action, TopicArn, Subject, Message ...) and answers with a Publish response, or with
 * an error when told to fail.
 */
final class SnsStub implements AutoCloseable {

  private final HttpServer server;
  private final List<Map<String, String>> requests = new ArrayList<>();
  private volatile int failWith;

  SnsStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> form = new LinkedHashMap<>();
          for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
              form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
          }
          form.put("_content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
          form.put("_authorization", exchange.getRequestHeaders().getFirst("Authorization"));
          synchronized (requests) {
            requests.add(form);
          }
          byte[] answer = (failWith == 0 ? PUBLISHED : DENIED).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(failWith == 0 ? 200 : failWith, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answer every request with this HTTP status and an AuthorizationError. */
  void failWith(int status) {
    this.failWith = status;
  }

  List<Map<String, String>> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static final String PUBLISHED =
      "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          + "<MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>"
          + "<ResponseMetadata><RequestId>f187a3c1</RequestId></ResponseMetadata></PublishResponse>";

  private static final String DENIED =
      "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type>"
          + "<Code>AuthorizationError</Code><Message>User is not authorized to perform SNS:Publish"
          + "</Message></Error><RequestId>9d3c</RequestId></ErrorResponse>";
}
