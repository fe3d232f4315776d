package dev.loglake.common.catalog;

import com.typesafe.config.Config;
import dev.loglake.common.config.Configs;
import java.net.URI;
import java.util.Optional;

/**
 * {@code loglake.catalog.glue.*}: whether the jobs register their tables through the Glue Data
 * Catalog API, as native Delta tables (conf/env/aws.conf turns it on), instead of through the
 * session catalog.
 *
 * @param enabled register through the Glue API
 * @param endpoint an endpoint override (tests, VPC endpoints); empty = AWS
 * @param region the region; empty = the SDK's default chain
 */
public record GlueCatalogSettings(boolean enabled, Optional<URI> endpoint, Optional<String> region) {

  static final String PREFIX = "loglake.catalog.glue.";

  /** Registration through the session catalog only. */
  public static final GlueCatalogSettings OFF =
      new GlueCatalogSettings(false, Optional.empty(), Optional.empty());

  /** Reads the settings; the region falls back to {@code loglake.aws.region}. */
  public static GlueCatalogSettings from(Config c) {
    return new GlueCatalogSettings(
        Configs.booleanValue(c, PREFIX + "enabled"),
        Configs.optionalEndpoint(c, PREFIX + "endpoint"),
        Configs.optionalString(c, PREFIX + "region")
            .or(() -> Configs.optionalString(c, "loglake.aws.region")));
  }
}
