package dev.loglake.jobs.core;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import dev.loglake.common.error.EtlErrors;
import java.net.URI;
import java.util.Optional;

/**
 * {@code loglake.metrics.cloudwatch.*}: whether and where JobRunner publishes a job's figures.
 *
 * @param enabled publish at all
 * @param namespace the CloudWatch namespace; not an {@code AWS/} one
 * @param endpoint an endpoint override (tests, VPC endpoints); empty = AWS
 * @param region the region; empty = the SDK's default chain
 */
record CloudWatchSettings(
    boolean enabled, String namespace, Optional<URI> endpoint, Optional<String> region) {

  static final String PREFIX = "loglake.metrics.cloudwatch.";

  CloudWatchSettings {
    if (namespace.isBlank() || namespace.startsWith("AWS/") || namespace.length() > 255) {
      throw EtlErrors.badValue(
          PREFIX + "namespace", namespace, "a namespace of 1 to 255 characters, not starting with AWS/");
    }
  }

  /** Reads the settings; the region falls back to {@code loglake.aws.region}. */
  static CloudWatchSettings from(Config c) {
    return new CloudWatchSettings(
        Configs.booleanValue(c, PREFIX + "enabled"),
        Configs.optionalString(c, PREFIX + "namespace").orElse(""),
        Configs.optionalEndpoint(c, PREFIX + "endpoint"),
        Configs.optionalString(c, PREFIX + "region")
            .or(() -> Configs.optionalString(c, "loglake.aws.region")));
  }
}
