package dev.loglake.jobs.sample;

import java.util.SplittableRandom;

/**
 * Decides what happened to a request: forwarded to a target (with the target's status), answered by
 * the load balancer itself (redirect, fixed response, 460 and 502/503/504 errors, 400 for
 * unparseable requests) or upgraded to a WebSocket. Sets status codes, timings, bytes and the
 * routing fields. Rates are per 10,000 requests and roughly follow a healthy production site.
 */
final class AlbOutcomes {

  private static final String[] PROBE_PATHS = {"/wp-login.php", "/.env", "/admin", "/favicon.ico"};

  /** HTTPS or HTTP/2 request to a service. */
  void securedRequest(SplittableRandom random, AlbApi api, AlbRequest r) {
    int roll = random.nextInt(10_000);
    if (roll < 40) {
      elbError(random, api, r, 460);
    } else if (roll < 65) {
      elbError(random, api, r, 502);
    } else if (roll < 85) {
      elbError(random, api, r, 503);
    } else if (roll < 100) {
      elbError(random, api, r, 504);
    } else if (roll < 180) {
      fixedResponse(random, r);
    } else {
      if (roll < 186) {
        // Unencoded space from the client: ALB forwards it and classifies the request.
        r.url = r.url + (r.url.indexOf('?') < 0 ? "?q=" : "&") + "gift card";
        r.classification = "Acceptable";
        r.classificationReason = "SpaceInUri";
      }
      forward(random, api, r, targetStatus(random, r.method));
    }
  }

  /** Plain HTTP on port 80: the default action redirects to HTTPS; a few internal calls forward. */
  void plainHttp(SplittableRandom random, AlbApi api, AlbRequest r) {
    if (random.nextInt(100) < 15) {
      forward(random, api, r, targetStatus(random, r.method));
      return;
    }
    answeredByLoadBalancer(random, r, 301);
    r.actions = "redirect";
    r.redirectUrl = "https://" + r.url.substring("http://".length()).replaceFirst(":80/", ":443/");
    r.sentBytes = 150 + random.nextInt(60);
  }

  /** A WebSocket: logged when the connection closes, so it was created long before. */
  void websocket(SplittableRandom random, AlbApi api, AlbRequest r) {
    r.url = r.url + "/ws/" + api.name() + "?v=2";
    pickTarget(random, api, r);
    r.elbStatus = 101;
    r.targetStatus = 101;
    r.requestMillis = 0;
    r.targetMillis = 1 + random.nextInt(5);
    r.responseMillis = 0;
    r.creationMicros = r.timeMicros - 5_000_000L - (long) random.nextInt(1_800_000) * 1000L;
    r.receivedBytes = 300 + random.nextInt(200_000);
    r.sentBytes = 500 + random.nextInt(2_000_000);
  }

  /** The client sent something that is not HTTP: nothing is known but the listener. */
  void badRequest(SplittableRandom random, AlbRequest r) {
    r.method = "-";
    answeredByLoadBalancer(random, r, 400);
    r.url = r.url + "-";
    r.protocol = "-";
    r.userAgent = null;
    r.sslCipher = null;
    r.sslProtocol = null;
    r.domainName = null;
    r.chosenCertArn = null;
    r.traced = false;
    r.rulePriority = Integer.MIN_VALUE;
    r.actions = null;
    r.receivedBytes = random.nextInt(120);
    r.sentBytes = 0;
  }

  private void elbError(SplittableRandom random, AlbApi api, AlbRequest r, int status) {
    answeredByLoadBalancer(random, r, status);
    r.targetGroupArn = api.targetGroupArn();
    r.rulePriority = api.rulePriority();
    r.actions = "forward";
    r.sentBytes = status == 460 ? 0 : 272 + random.nextInt(40);
    if (status == 504) {
      r.creationMicros = r.timeMicros - 60_000_000L - random.nextInt(1_000_000);
    }
  }

  private void fixedResponse(SplittableRandom random, AlbRequest r) {
    boolean probe = random.nextInt(100) < 70;
    int cut = r.url.indexOf('/', "https://".length());
    String path = probe ? PROBE_PATHS[random.nextInt(PROBE_PATHS.length)] : "/robots.txt";
    r.url = r.url.substring(0, cut) + path;
    answeredByLoadBalancer(random, r, probe ? 404 : 200);
    r.actions = "fixed-response";
    r.sentBytes = 180 + random.nextInt(120);
  }

  /** Common shape of lines the ALB answers itself: no target, no timings, no target group. */
  private static void answeredByLoadBalancer(SplittableRandom random, AlbRequest r, int status) {
    r.elbStatus = status;
    r.targetStatus = -1;
    r.target = null;
    r.requestMillis = -1;
    r.targetMillis = -1;
    r.responseMillis = -1;
    r.targetGroupArn = null;
    r.rulePriority = 0;
    r.receivedBytes = requestBytes(random, r.method);
    r.creationMicros = r.timeMicros - random.nextInt(2_000);
  }

  private static void forward(SplittableRandom random, AlbApi api, AlbRequest r, int status) {
    pickTarget(random, api, r);
    r.elbStatus = status;
    r.targetStatus = status;
    r.requestMillis = random.nextInt(100) < 85 ? 0 : 1;
    double factor = Math.exp(0.8 * Gaussian.next(random)) * (status >= 500 ? 3 : 1);
    r.targetMillis = (int) Math.min(59_000, api.medianLatencyMs() * factor);
    r.responseMillis = random.nextInt(100) < 95 ? 0 : 1;
    long spentMicros = (r.requestMillis + r.targetMillis + r.responseMillis) * 1000L;
    r.creationMicros = r.timeMicros - spentMicros - random.nextInt(1_000);
    r.receivedBytes = requestBytes(random, r.method);
    r.sentBytes = responseBytes(random, api, status);
  }

  private static void pickTarget(SplittableRandom random, AlbApi api, AlbRequest r) {
    r.target = api.targets().get(random.nextInt(api.targets().size()));
    r.targetGroupArn = api.targetGroupArn();
    r.rulePriority = api.rulePriority();
  }

  private static int targetStatus(SplittableRandom random, String method) {
    int roll = random.nextInt(1000);
    if (roll < 12) {
      int kind = random.nextInt(10);
      return kind < 6 ? 500 : kind < 8 ? 502 : 503;
    }
    if (roll < 82) {
      int kind = random.nextInt(20);
      return kind < 7
          ? 404
          : kind < 11
              ? 401
              : kind < 14 ? 400 : kind < 16 ? 403 : kind < 18 ? 429 : kind < 19 ? 409 : 422;
    }
    if (roll < 112) {
      return "GET".equals(method) && random.nextInt(10) < 7 ? 304 : 302;
    }
    return switch (method) {
      case "POST" -> random.nextInt(10) < 6 ? 201 : 200;
      case "DELETE" -> 204;
      default -> 200;
    };
  }

  private static long requestBytes(SplittableRandom random, String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH" -> 400 + (long) (900 * Math.exp(Gaussian.next(random)));
      default -> 180 + random.nextInt(700);
    };
  }

  private static long responseBytes(SplittableRandom random, AlbApi api, int status) {
    if (status == 204 || status == 304 || status == 302) {
      return 150 + random.nextInt(150);
    }
    if (status >= 400) {
      return 200 + random.nextInt(400);
    }
    double median = "images".equals(api.name()) || "media".equals(api.name()) ? 40_000 : 1_800;
    return 250 + (long) (median * Math.exp(1.1 * Gaussian.next(random)));
  }
}
