package dev.loglake.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local HTTP endpoint standing in for AWS Secrets Manager, which speaks the JSON 1.1 protocol
 * (POST /, {@code X-Amz-Target: secretsmanager.GetSecretValue}, a JSON body {@code {"SecretId":
 * ...}}): records each request the real SDK sends and answers GetSecretValue from a map of secret
 * id to SecretString, or with a ResourceNotFoundException for any other id, as AWS does
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html).
 */
public final class SecretsManagerStub implements AutoCloseable {

  /** One request: its target header, its {@code SecretId}, and its Authorization header. */
  public record Request(String target, String secretId, String authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN_PREFIX = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";

  private final HttpServer server;
  private final Map<String, String> secrets;
  private final List<Request> requests = new ArrayList<>();

  /** Serves {@code secrets}: secret id (name or ARN, as the caller passes it) to SecretString. */
  public SecretsManagerStub(Map<String, String> secrets) throws IOException {
    this.secrets = Map.copyOf(secrets);
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The ids it serves. */
  public java.util.Set<String> secretIds() {
    return secrets.keySet();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String id = body.path("SecretId").asText(null);
    synchronized (requests) {
      requests.add(
          new Request(
              exchange.getRequestHeaders().getFirst("X-Amz-Target"),
              id,
              exchange.getRequestHeaders().getFirst("Authorization")));
    }
    ObjectNode out = JSON.createObjectNode();
    int status;
    if (id != null && secrets.containsKey(id)) {
      status = 200;
      out.put("ARN", id.startsWith("arn:") ? id : ARN_PREFIX + id + "-AbCdEf");
      out.put("Name", id);
      out.put("SecretString", secrets.get(id));
      out.put("VersionId", "b3f2c1d0-0000-4000-8000-000000000001");
      out.putArray("VersionStages").add("AWSCURRENT");
    } else {
      status = 400;
      out.put("__type", "ResourceNotFoundException");
      out.put("Message", "Secrets Manager can't find the specified secret.");
    }
    byte[] bytes = JSON.writeValueAsBytes(out);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
