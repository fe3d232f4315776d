package dev.loglake.jobs.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Draws browsing sessions: one visitor (a known user or anonymous) walking a shop funnel, from a
 * landing page through products to cart and checkout, a few seconds to minutes between events.
 */
final class WebSessions {

  private static final String SITE = "https://" + AlbSite.WEB_HOST;
  private static final String[] LANDINGS = {
    "/",
    "/",
    "/category/shoes",
    "/category/electronics",
    "/category/home",
    "/search?q=coffee",
    "/search?q=running+shoes",
    "/deals"
  };
  private static final String[] EXTERNAL_REFERRERS = {
    "https://www.google.com/",
    "https://www.bing.com/",
    "https://t.co/x7Yh2kP",
    "https://duckduckgo.com/"
  };
  /** Registered users: u-100000 .. u-104999 (TransactionGenerator's customers are mostly these). */
  static final int USERS = 5000;

  private WebSessions() {}

  /** A session of 2 to 15 events starting at {@code startMillis}. */
  static List<WebEvent> draw(SplittableRandom random, long startMillis) {
    Visitor visitor = Visitor.draw(random);
    int count = 2 + random.nextInt(14);
    List<WebEvent> events = new ArrayList<>(count);
    String previous =
        random.nextInt(100) < 40
            ? null
            : EXTERNAL_REFERRERS[random.nextInt(EXTERNAL_REFERRERS.length)];
    long time = startMillis;
    for (int i = 0; i < count; i++) {
      String path = path(random, i, count);
      String method = method(path);
      int status = status(random, method);
      double latency = Math.round(Gaussian.logNormal(random, 45, 0.9) * 1000) / 1000.0;
      long bytes = status == 304 ? 0 : 800 + (long) Gaussian.logNormal(random, 14_000, 1.0);
      events.add(
          new WebEvent(
              uuid(random),
              time,
              visitor.sessionId(),
              visitor.userId(),
              method,
              path,
              status,
              latency,
              bytes,
              visitor.clientIp(),
              visitor.userAgent(),
              previous));
      previous = SITE + path;
      time += 2_000 + random.nextInt(118_000);
    }
    return events;
  }

  /** Who browses: about 22% anonymous (no user id), 6% on IPv6, 1% without a user agent. */
  private record Visitor(String sessionId, String userId, String clientIp, String userAgent) {

    static Visitor draw(SplittableRandom random) {
      String sessionId = "s-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
      String userId = random.nextInt(100) < 22 ? null : "u-" + (100_000 + random.nextInt(USERS));
      String clientIp =
          random.nextInt(100) < 6
              ? "2a02:a33c:4538:1::" + Integer.toHexString(random.nextInt(0xFFFF))
              : "81." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
      String agent = random.nextInt(100) == 0 ? null : AlbClients.USER_AGENTS[random.nextInt(6)];
      return new Visitor(sessionId, userId, clientIp, agent);
    }
  }

  /** A version-4-shaped UUID from the random source (deterministic, unlike UUID.randomUUID()). */
  static String uuid(SplittableRandom random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE;
    return new UUID(high, low).toString();
  }

  private static String path(SplittableRandom random, int index, int count) {
    if (index == 0) {
      return LANDINGS[random.nextInt(LANDINGS.length)];
    }
    double progress = (double) index / count;
    int roll = random.nextInt(100);
    if (progress > 0.8 && roll < 35) {
      return roll < 20 ? "/checkout" : "/checkout/confirm";
    }
    if (progress > 0.5 && roll < 30) {
      return roll < 15 ? "/cart" : "/cart/items";
    }
    if (roll < 8) {
      return roll < 4 ? "/login" : "/account/orders";
    }
    if (roll < 14) {
      return "/api/recommendations?product=" + (10_000 + random.nextInt(90_000));
    }
    return "/products/" + (10_000 + random.nextInt(90_000));
  }

  private static String method(String path) {
    return switch (path) {
      case "/cart/items", "/checkout/confirm", "/login" -> "POST";
      default -> "GET";
    };
  }

  private static int status(SplittableRandom random, String method) {
    int roll = random.nextInt(1000);
    if (roll < 5) {
      return 500;
    }
    if (roll < 25) {
      return 404;
    }
    if ("POST".equals(method)) {
      return roll < 100 ? 302 : 201;
    }
    return roll < 80 ? 304 : 200;
  }
}
