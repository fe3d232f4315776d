package dev.loglake.common.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error-level quality rule failed; the pipeline must stop. The job exits 3, and its SUMMARY line
 * carries {@link #figures()}: what the run scored, so the failure is readable from that line alone.
 */
public final class QualityGateException extends EtlException {

  /** Not serialised: the figures are for the SUMMARY line of the JVM that threw. */
  private final transient Map<String, Object> figures;

  QualityGateException(String message, Map<String, Object> figures) {
    super(message, null);
    this.figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /** The run's figures (scores, failed rules ...), in the job's order; empty when none were given. */
  public Map<String, Object> figures() {
    return figures == null ? Map.of() : figures;
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
