package dev.loglake.jobs.sample;

import java.util.SplittableRandom;

/**
 * Draws one realistic request: who sent it, on which listener, to which service and path. What
 * happened to it (status, timings, bytes) is left to {@link AlbOutcomes}. Thread-safe: it only
 * reads its catalogs; each caller passes its own random source and holder.
 */
final class AlbRequestSampler {

  private static final String[] TLS13_CIPHERS = {
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256"
  };
  private static final String[] TLS12_CIPHERS = {
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES128-GCM-SHA256",
    "ECDHE-RSA-AES256-GCM-SHA384",
    "ECDHE-RSA-CHACHA20-POLY1305"
  };
  private static final String[] SEARCH_TERMS = {
    "shoes", "red+dress", "laptop", "usb-c+cable", "coffee", "headphones", "desk+lamp", "socks"
  };

  private final AlbApis apis;
  private final AlbClients clients;
  private final AlbOutcomes outcomes;
  private final AlbApi notifications;
  private final AlbApi messaging;
  private final AlbApi recommendations;

  AlbRequestSampler(AlbApis apis, AlbClients clients) {
    this.apis = apis;
    this.clients = clients;
    this.outcomes = new AlbOutcomes();
    this.notifications = apis.byName("notifications");
    this.messaging = apis.byName("messaging");
    this.recommendations = apis.byName("recommendations");
  }

  void sample(SplittableRandom random, long timeMicros, AlbRequest r) {
    r.reset(timeMicros);
    AlbClients.Client client = clients.pick(random);
    r.clientIp = client.ip();
    r.userAgent = client.userAgent();
    r.clientPort = 1024 + random.nextInt(64512);
    r.traceBits = random.nextLong();
    r.connTraceHigh = random.nextLong();
    r.connTraceLow = random.nextLong();
    int layout = random.nextInt(100);
    r.fieldCount = layout < 5 ? 29 : layout < 10 ? 30 : 33;
    int roll = random.nextInt(10_000);
    if (roll < 30) {
      AlbApi api = roll < 20 ? notifications : messaging;
      r.method = "GET";
      r.protocol = "HTTP/1.1";
      listener(random, r, roll < 9 ? "ws" : "wss", api);
      outcomes.websocket(random, api, r);
    } else if (roll < 35) {
      listener(random, r, random.nextBoolean() ? "http" : "https", null);
      outcomes.badRequest(random, r);
    } else if (roll < 60) {
      grpcCall(random, r);
      outcomes.securedRequest(random, recommendations, r);
    } else if (roll < 500) {
      AlbApi api = apis.pick(random);
      requestLine(random, api, r, "http");
      outcomes.plainHttp(random, api, r);
    } else {
      AlbApi api = apis.pick(random);
      requestLine(random, api, r, random.nextInt(100) < 45 ? "h2" : "https");
      outcomes.securedRequest(random, api, r);
    }
  }

  /** gRPC over TLS: always POST over HTTP/2 to {@code /package.Service/Method}. */
  private void grpcCall(SplittableRandom random, AlbRequest r) {
    r.method = "POST";
    r.protocol = "HTTP/2.0";
    listener(random, r, "grpcs", recommendations);
    r.url =
        r.url
            + "/loglake.recommendations.v1.RecommendationService/"
            + (random.nextBoolean() ? "GetForUser" : "ListSimilar");
  }

  private void requestLine(SplittableRandom random, AlbApi api, AlbRequest r, String type) {
    r.method = method(random, api);
    r.protocol =
        "h2".equals(type) ? "HTTP/2.0" : random.nextInt(200) == 0 ? "HTTP/1.0" : "HTTP/1.1";
    listener(random, r, type, api);
    StringBuilder url = new StringBuilder(r.url);
    appendPath(random, api, r.method, url);
    r.url = url.toString();
  }

  /** Sets type, TLS fields and the {@code scheme://host:port} start of the URL. */
  private static void listener(SplittableRandom random, AlbRequest r, String type, AlbApi api) {
    r.type = type;
    String host = host(api);
    boolean secure = !"http".equals(type) && !"ws".equals(type);
    r.url = (secure ? "https://" : "http://") + host + (secure ? ":443" : ":80");
    if (!secure) {
      return;
    }
    if (random.nextInt(100) < 62) {
      r.sslProtocol = "TLSv1.3";
      r.sslCipher = TLS13_CIPHERS[random.nextInt(TLS13_CIPHERS.length)];
    } else {
      r.sslProtocol = "TLSv1.2";
      r.sslCipher = TLS12_CIPHERS[random.nextInt(TLS12_CIPHERS.length)];
    }
    r.domainName = random.nextInt(100) < 3 ? null : host;
    r.chosenCertArn = random.nextInt(100) < 15 ? "session-reused" : AlbSite.CERT_ARN;
  }

  private static String host(AlbApi api) {
    if (api == null) {
      return AlbSite.API_HOST;
    }
    return switch (api.name()) {
      case "content", "images", "media" -> AlbSite.WEB_HOST;
      default -> AlbSite.API_HOST;
    };
  }

  private static String method(SplittableRandom random, AlbApi api) {
    int roll = random.nextInt(100);
    boolean writes =
        switch (api.name()) {
          case "payments", "orders", "checkout", "cart", "auth", "webhooks", "graphql" -> true;
          default -> false;
        };
    int getShare = writes ? 45 : 72;
    if (roll < getShare) {
      return "GET";
    }
    roll = random.nextInt(100);
    return roll < 60
        ? "POST"
        : roll < 78
            ? "PUT"
            : roll < 88 ? "DELETE" : roll < 94 ? "PATCH" : roll < 97 ? "HEAD" : "OPTIONS";
  }

  private static void appendPath(
      SplittableRandom random, AlbApi api, String method, StringBuilder url) {
    if ("graphql".equals(api.name())) {
      url.append("/graphql");
      return;
    }
    url.append("/api/v1/").append(api.name());
    int shape = random.nextInt(100);
    if ("search".equals(api.name()) && "GET".equals(method)) {
      url.append("?q=").append(SEARCH_TERMS[random.nextInt(SEARCH_TERMS.length)]);
      url.append("&page=").append(1 + random.nextInt(5));
    } else if (shape < 30 && !"GET".equals(method)) {
      return;
    } else if (shape < 30) {
      url.append("?page=").append(1 + random.nextInt(20)).append("&limit=50");
    } else {
      url.append('/').append(100_000 + random.nextInt(900_000));
      if (shape >= 70) {
        url.append('/').append(api.resources().get(random.nextInt(api.resources().size())));
      }
    }
  }
}
