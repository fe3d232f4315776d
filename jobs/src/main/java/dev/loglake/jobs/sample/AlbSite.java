package dev.loglake.jobs.sample;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The demo load balancer: account, region, resource id, its two nodes, and the S3 key layout of the
 * access-log objects it delivers (one object per node per 5-minute interval).
 */
final class AlbSite {

  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";
  static final String LOAD_BALANCER = "app/loglake-demo/50dc6c495c0c9188";
  static final String[] NODE_IPS = {"10.0.1.87", "10.0.2.143"};
  static final String API_HOST = "api.loglake-demo.example.com";
  static final String WEB_HOST = "www.loglake-demo.example.com";
  static final String CERT_ARN =
      "arn:aws:acm:us-east-1:123456789012:certificate/4f1c2a9e-7b3d-4e8a-9c61-2d5f0b8e7a13";
  static final String PREFIX = "AWSLogs/" + ACCOUNT + "/elasticloadbalancing/" + REGION;

  private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  private static final DateTimeFormatter END_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
  private static final String RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  private AlbSite() {}

  /**
   * Key of the object covering the 5 minutes that end at {@code intervalEnd} (UTC). The folder is
   * the delivery date, i.e. the date of the end time, so the 23:55-24:00 file of one day lands in
   * the next day's folder, named {@code ...T0000Z}, as real ALB delivery does.
   */
  static String objectKey(LocalDateTime intervalEnd, int node, String random8) {
    return PREFIX
        + "/"
        + intervalEnd.format(FOLDER)
        + "/"
        + ACCOUNT
        + "_elasticloadbalancing_"
        + REGION
        + "_"
        + LOAD_BALANCER.replace('/', '.')
        + "_"
        + intervalEnd.format(END_TIME)
        + "_"
        + NODE_IPS[node]
        + "_"
        + random8
        + ".log.gz";
  }

  /** The opaque 8-character suffix AWS appends to every object name. */
  static String randomSuffix(SplittableRandom random) {
    char[] chars = new char[8];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = RANDOM_CHARS.charAt(random.nextInt(RANDOM_CHARS.length()));
    }
    return new String(chars);
  }
}
