package dev.loglake.common.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A local HTTP endpoint standing in for an AWS API: parses each request the real SDK sends into a
 * {@code R}, records it, and answers what {@link #answer} says. Gzip request bodies (the SDK
 * compresses large requests) are inflated first. {@link QueryProtocolStub} (SNS, CloudWatch) and
 * {@link JsonProtocolStub} (Glue) are the two protocols.
 */
public abstract class HttpApiStub<R> implements AutoCloseable {

  /** The response: HTTP status, content type and body. */
  public record Answer(int status, String contentType, String body) {}

  private final HttpServer server;
  private final List<R> requests = new ArrayList<>();

  protected HttpApiStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The request as the test sees it, from its headers and (inflated) body. */
  protected abstract R parse(Headers headers, String body);

  /** The response to {@code request}. */
  protected abstract Answer answer(R request);

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request so far, in order. */
  public List<R> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      in = new GZIPInputStream(in);
    }
    R request = parse(exchange.getRequestHeaders(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    synchronized (requests) {
      requests.add(request);
    }
    Answer answer = answer(request);
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
