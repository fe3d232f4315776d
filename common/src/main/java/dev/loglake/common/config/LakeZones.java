package dev.loglake.common.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each zone of the lake lives: a local folder or an {@code s3://}/{@code s3a://} prefix, without
 * a trailing slash. Local relative paths are made absolute against the working directory.
 */
public record LakeZones(String raw, String processed, String curated, String quality, String reports) {

  public LakeZones {
    raw = normalize("loglake.zones.raw", raw);
    processed = normalize("loglake.zones.processed", processed);
    curated = normalize("loglake.zones.curated", curated);
    quality = normalize("loglake.zones.quality", quality);
    reports = normalize("loglake.zones.reports", reports);
  }

  static LakeZones from(Config c) {
    return new LakeZones(
        Configs.requireString(c, "loglake.zones.raw", ZONE_HINT),
        Configs.requireString(c, "loglake.zones.processed", ZONE_HINT),
        Configs.requireString(c, "loglake.zones.curated", ZONE_HINT),
        Configs.requireString(c, "loglake.zones.quality", ZONE_HINT),
        Configs.requireString(c, "loglake.zones.reports", ZONE_HINT));
  }

  private static final String ZONE_HINT =
      "Set loglake.lake.root (local env) or the bucket keys of conf/env/aws.conf, or the zone itself.";

  /** The zones by name, raw to reports. */
  public Map<String, String> asMap() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("raw", raw);
    out.put("processed", processed);
    out.put("curated", curated);
    out.put("quality", quality);
    out.put("reports", reports);
    return out;
  }

  /** Joins a child path onto a zone (or any lake path), with exactly one slash between. */
  public static String join(String base, String... parts) {
    StringBuilder sb = new StringBuilder(base);
    for (String part : parts) {
      while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
        sb.setLength(sb.length() - 1);
      }
      sb.append('/').append(part.startsWith("/") ? part.substring(1) : part);
    }
    return sb.toString();
  }

  private static String normalize(String key, String value) {
    if (value == null || value.isBlank()) {
      throw dev.loglake.common.error.EtlErrors.missingKey(key, ZONE_HINT);
    }
    String v = value.strip();
    while (v.length() > 1 && v.endsWith("/") && !v.endsWith("://")) {
      v = v.substring(0, v.length() - 1);
    }
    if (hasScheme(v)) {
      String afterScheme = v.substring(v.indexOf("://") + 3);
      if (v.startsWith("s3") && (afterScheme.isEmpty() || afterScheme.startsWith("/"))) {
        throw dev.loglake.common.error.EtlErrors.missingKey(
            bucketKey(key),
            key + " is '" + v + "', with no bucket name. Pass --" + bucketKey(key) + " NAME or set "
                + bucketVariable(key) + " (conf/env/aws.conf reads it).");
      }
      return v;
    }
    return Path.of(v).toAbsolutePath().normalize().toString();
  }

  private static String bucketKey(String zoneKey) {
    String zone = zoneKey.substring(zoneKey.lastIndexOf('.') + 1);
    return "loglake.aws." + (zone.equals("reports") ? "report" : zone) + "-bucket";
  }

  private static String bucketVariable(String zoneKey) {
    String zone = zoneKey.substring(zoneKey.lastIndexOf('.') + 1);
    return "LOGLAKE_" + (zone.equals("reports") ? "REPORT" : zone.toUpperCase(java.util.Locale.ROOT)) + "_BUCKET";
  }

  private static boolean hasScheme(String v) {
    return SCHEME.matcher(v).lookingAt();
  }

  private static final java.util.regex.Pattern SCHEME =
      java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+://");
}
