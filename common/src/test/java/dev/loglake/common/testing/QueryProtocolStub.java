package dev.loglake.common.testing;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local HTTP endpoint standing in for an AWS service that speaks the query protocol (SNS,
 * CloudWatch): records each request the real SDK sends as its form parameters ({@code Action},
 * ...) plus {@code _content-type} and {@code _authorization}, and answers with a canned success
 * response, or with the canned error when told to fail.
 */
public class QueryProtocolStub extends HttpApiStub<Map<String, String>> {

  private final String answer;
  private final String error;
  private volatile int failWith;

  /** {@code answer} for success (HTTP 200), {@code error} when failing. Both text/xml. */
  public QueryProtocolStub(String answer, String error) throws IOException {
    this.answer = answer;
    this.error = error;
  }

  /** Answer every request with this HTTP status and the error body; 0 = succeed again. */
  public void failWith(int status) {
    this.failWith = status;
  }

  @Override
  protected Map<String, String> parse(Headers headers, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    form.put("_content-type", headers.getFirst("Content-Type"));
    form.put("_authorization", headers.getFirst("Authorization"));
    return form;
  }

  @Override
  protected Answer answer(Map<String, String> request) {
    int status = failWith;
    return status == 0 ? new Answer(200, "text/xml", answer) : new Answer(status, "text/xml", error);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
