package dev.loglake.jobs.sample;

import java.util.SplittableRandom;

/**
 * A fixed population of clients (IP and user agent) drawn from the run seed, so the same clients
 * come back many times a day as on a real site. About 8% of clients use IPv6, written without
 * brackets as ALB does.
 */
final class AlbClients {

  /** Client address and the user agent it sends ({@code null} = no User-Agent header). */
  record Client(String ip, String userAgent) {}

  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.4.1 Safari/605.1.15",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like"
        + " Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67",
    "LoglakeShop/5.12.0 (iPhone; iOS 17.4.1; Scale/3.00) CFNetwork/1494.0.7 Darwin/23.4.0",
    "okhttp/4.12.0",
    "python-requests/2.31.0",
    "Go-http-client/2.0",
    "curl/8.5.0",
    "aws-sdk-java/2.25.40 Linux/5.10.215 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    // ALB writes a double quote inside a quoted field as the four characters \x22.
    "Mozilla/5.0 (compatible; \\x22ScanBot\\x22/1.0)",
  };
  private static final int[] USER_AGENT_WEIGHTS = {30, 14, 14, 12, 5, 6, 8, 4, 2, 2, 1, 1, 2, 1, 1};
  private static final int SIZE = 6000;

  private final Client[] clients;

  private AlbClients(Client[] clients) {
    this.clients = clients;
  }

  static AlbClients draw(long seed) {
    SplittableRandom random = new SplittableRandom(Seeds.derive(seed, "alb-clients"));
    Client[] clients = new Client[SIZE];
    int weightSum = 0;
    for (int w : USER_AGENT_WEIGHTS) {
      weightSum += w;
    }
    for (int i = 0; i < SIZE; i++) {
      String ip = random.nextInt(100) < 8 ? ipv6(random) : ipv4(random);
      String agent = random.nextInt(200) == 0 ? null : userAgent(random.nextInt(weightSum));
      clients[i] = new Client(ip, agent);
    }
    return new AlbClients(clients);
  }

  /** Picks a client, favouring a busy head of the population (a few heavy users and bots). */
  Client pick(SplittableRandom random) {
    double u = random.nextDouble();
    return clients[(int) (u * u * clients.length)];
  }

  private static String userAgent(int ticket) {
    int sum = 0;
    for (int i = 0; i < USER_AGENT_WEIGHTS.length; i++) {
      sum += USER_AGENT_WEIGHTS[i];
      if (ticket < sum) {
        return USER_AGENTS[i];
      }
    }
    return USER_AGENTS[0];
  }

  private static String ipv4(SplittableRandom random) {
    int first;
    do {
      first = 1 + random.nextInt(223);
    } while (first == 10 || first == 127 || first == 172 || first == 192);
    return first
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256);
  }

  private static String ipv6(SplittableRandom random) {
    String[] prefixes = {"2a02:a33c", "2600:1700", "2001:4860", "2a01:cb00", "2406:da18"};
    StringBuilder sb = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
    if (random.nextInt(4) == 0) {
      sb.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
      return sb.append("::").append(Integer.toHexString(1 + random.nextInt(0xFFFF))).toString();
    }
    for (int i = 0; i < 6; i++) {
      sb.append(':').append(Integer.toHexString(random.nextInt(0x10000)));
    }
    return sb.toString();
  }
}
