package dev.loglake.common.logging;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * SLF4J markers the launcher's log4j2 configuration (jobs/src/launcher/log4j2.properties) routes by.
 * Unknown to other configurations (Glue's, tests'), which log marked lines as any other.
 */
public final class LogMarkers {

  /**
   * Detail for the run's log file, not the console (the console shows it with {@code --verbose}):
   * the effective configuration, the LOGLAKE_SUMMARY line, per-rule detail the summary also holds.
   */
  public static final Marker LOG_ONLY = MarkerFactory.getMarker("LOG_ONLY");

  private LogMarkers() {}
}
