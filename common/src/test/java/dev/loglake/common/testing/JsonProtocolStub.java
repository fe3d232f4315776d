package dev.loglake.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A local HTTP endpoint standing in for an AWS service that speaks the AWS JSON 1.1 protocol (Glue):
 * every call is a {@code POST /} naming its operation in the {@code X-Amz-Target} header ({@code
 * AWSGlue.GetTable}) with the request as a JSON body. Records each request; a subclass answers it.
 */
public abstract class JsonProtocolStub extends HttpApiStub<JsonProtocolStub.Request> {

  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One call: the operation (X-Amz-Target), its JSON body, and the headers a test may check. */
  public record Request(String target, JsonNode body, String contentType, String authorization) {}

  protected JsonProtocolStub() throws IOException {}

  @Override
  protected Request parse(Headers headers, String body) {
    try {
      return new Request(headers.getFirst("X-Amz-Target"), JSON.readTree(body.isEmpty() ? "{}" : body),
          headers.getFirst("Content-Type"), headers.getFirst("Authorization"));
    } catch (IOException e) {
      throw new UncheckedIOException("request body is not JSON: " + body, e);
    }
  }

  /** A success (HTTP 200) with {@code body}. */
  protected static Answer ok(JsonNode body) {
    return new Answer(200, CONTENT_TYPE, body.toString());
  }

  /** An error as AWS JSON services send it: HTTP 400 and {@code {"__type": code, "Message": ...}}. */
  protected static Answer error(String code, String message) {
    return new Answer(400, CONTENT_TYPE, JSON.createObjectNode().put("__type", code).put("Message", message).toString());
  }
}
