package dev.loglake.quality;

import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.logging.LogMarkers;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the pipeline when the data cannot be trusted: {@link #enforce} throws {@link
 * dev.loglake.common.error.QualityGateException} (exit code 3) with a one-screen summary of what failed
 * where. Failures the gate lets through are logged as warnings.
 */
public final class QualityGate {

  private static final Logger LOG = LoggerFactory.getLogger(QualityGate.class);
  /** At most this many failed rules are listed; the rest are counted. */
  static final int MAX_LINES = 20;

  /** Which failures fail the gate: error-level rules, any rule, or none. */
  public enum FailOn {
    ERROR,
    WARNING,
    NEVER;

    public static FailOn parse(String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "error" -> ERROR;
        case "warning" -> WARNING;
        case "never" -> NEVER;
        default -> throw new IllegalArgumentException(s);
      };
    }
  }

  private QualityGate() {}

  /** True when {@code reports} fail the gate under {@code failOn}. */
  public static boolean fails(List<QualityReport> reports, FailOn failOn) {
    return !blocking(reports, failOn).isEmpty();
  }

  /** Throws when {@code reports} fail the gate; logs the failures it lets through. */
  public static void enforce(List<QualityReport> reports, FailOn failOn) {
    List<String> blocking = blocking(reports, failOn);
    if (!blocking.isEmpty()) {
      throw EtlErrors.qualityGateFailed(summary(reports, failOn));
    }
    for (QualityReport r : reports) {
      for (RuleResult f : r.failed()) {
        // The console's per-partition line names the failed rules; the detail is for the log file.
        LOG.warn(LogMarkers.LOG_ONLY, "Quality {} {}: rule {} ({}) failed: {}", r.dataset(), r.partition(), f.rule().name(),
            f.rule().level().label(), f.detail());
      }
    }
  }

  /** What failed where: one line per failed rule, blocking ones first, at most {@value #MAX_LINES}. */
  public static String summary(List<QualityReport> reports, FailOn failOn) {
    List<String> lines = new java.util.ArrayList<>(blocking(reports, failOn));
    for (QualityReport r : reports) {
      for (RuleResult f : r.failed()) {
        String line = line(r, f);
        if (!lines.contains(line)) {
          lines.add(line);
        }
      }
    }
    long partitions = reports.stream().filter(r -> !r.failed().isEmpty()).count();
    StringBuilder sb = new StringBuilder();
    sb.append(blocking(reports, failOn).size()).append(" blocking rule failure(s) (fail-on = ")
        .append(failOn.name().toLowerCase(Locale.ROOT)).append(") in ").append(partitions).append(" partition(s):");
    lines.stream().limit(MAX_LINES).forEach(l -> sb.append("\n  ").append(l));
    if (lines.size() > MAX_LINES) {
      sb.append("\n  ... and ").append(lines.size() - MAX_LINES).append(" more (see the quality report)");
    }
    return sb.toString();
  }

  private static List<String> blocking(List<QualityReport> reports, FailOn failOn) {
    List<String> out = new java.util.ArrayList<>();
    for (QualityReport r : reports) {
      for (RuleResult f : r.failed()) {
        boolean blocks = failOn == FailOn.WARNING || failOn == FailOn.ERROR && f.rule().level() == QualityRule.Level.ERROR;
        if (blocks) {
          out.add(line(r, f));
        }
      }
    }
    return out;
  }

  private static String line(QualityReport r, RuleResult f) {
    return String.format(Locale.ROOT, "%s %s (score %.2f): %s [%s] %s", r.dataset(), r.partition(), r.score(),
        f.rule().name(), f.rule().level().label(), f.detail());
  }
}
