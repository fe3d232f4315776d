package dev.loglake.jobs.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The 40 services of the demo site with Zipf-like popularity. The catalog is fixed (it does not
 * depend on the run seed) because target groups are infrastructure: downstream tests and reference
 * data can rely on the same ARNs for every seed.
 */
final class AlbApis {

  private static final String[] NAMES = {
    "catalog",
    "search",
    "users",
    "auth",
    "cart",
    "orders",
    "payments",
    "checkout",
    "recommendations",
    "inventory",
    "pricing",
    "reviews",
    "sessions",
    "profile",
    "images",
    "notifications",
    "shipping",
    "accounts",
    "wishlist",
    "media",
    "billing",
    "content",
    "subscriptions",
    "coupons",
    "analytics",
    "invoices",
    "addresses",
    "loyalty",
    "tax",
    "refunds",
    "returns",
    "gift-cards",
    "fraud",
    "messaging",
    "support",
    "feedback",
    "reports",
    "ledger",
    "webhooks",
    "graphql"
  };
  private static final String[] SUB_RESOURCES = {
    "items", "status", "history", "summary", "events", "settings", "details", "lines"
  };
  private static final long CATALOG_SEED = 0x10C1A4EL;

  private final List<AlbApi> apis;
  private final double[] cumulativeWeights;

  private AlbApis(List<AlbApi> apis, double[] cumulativeWeights) {
    this.apis = List.copyOf(apis);
    this.cumulativeWeights = cumulativeWeights;
  }

  static AlbApis standard() {
    List<AlbApi> apis = new ArrayList<>();
    double[] cumulative = new double[NAMES.length];
    double total = 0;
    for (int rank = 0; rank < NAMES.length; rank++) {
      apis.add(api(NAMES[rank], rank));
      total += 1.0 / Math.pow(rank + 1, 0.9);
      cumulative[rank] = total;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
    return new AlbApis(apis, cumulative);
  }

  List<AlbApi> all() {
    return apis;
  }

  AlbApi pick(SplittableRandom random) {
    double u = random.nextDouble();
    int low = 0;
    int high = cumulativeWeights.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulativeWeights[mid] < u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return apis.get(low);
  }

  AlbApi byName(String name) {
    return apis.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  private static AlbApi api(String name, int rank) {
    SplittableRandom random = new SplittableRandom(Seeds.derive(CATALOG_SEED, name));
    StringBuilder arn =
        new StringBuilder("arn:aws:elasticloadbalancing:")
            .append(AlbSite.REGION)
            .append(':')
            .append(AlbSite.ACCOUNT)
            .append(":targetgroup/")
            .append(name)
            .append("-tg/");
    TextFormat.appendHex(arn, random.nextLong(), 16);
    List<String> targets = new ArrayList<>();
    int subnet = 10 + rank % 3;
    for (int i = 0, n = 2 + random.nextInt(3); i < n; i++) {
      targets.add("10.0." + subnet + "." + (10 + random.nextInt(240)) + ":" + (8080 + rank % 4));
    }
    List<String> resources = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      resources.add(SUB_RESOURCES[random.nextInt(SUB_RESOURCES.length)]);
    }
    int latency = 8 + random.nextInt(60) + ("search".equals(name) ? 90 : 0);
    return new AlbApi(name, arn.toString(), targets, 10 * (rank + 1), latency, resources);
  }
}
