package dev.loglake.jobs.core;

import dev.loglake.common.config.EtlConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job run did: identity, status, timing and the job's own figures (files, rows read, written,
 * quarantined, report paths ...). Rendered as the one {@code SUMMARY {json}} line scripts and the
 * orchestration read.
 */
public record JobResult(
    String job,
    String runId,
    Status status,
    Instant startedAt,
    Duration duration,
    Map<String, Object> figures,
    String error) {

  /** How a run ended. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    QUALITY_GATE_FAILED,
    CONFIG_ERROR
  }

  public JobResult {
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /** A successful result of {@code config}'s run, timed up to now on {@code clock}. */
  public static JobResult succeeded(EtlConfig config, Clock clock, Map<String, Object> figures) {
    return new JobResult(
        config.job(),
        config.runId(),
        Status.SUCCEEDED,
        config.startedAt(),
        Duration.between(config.startedAt(), clock.instant()),
        figures,
        null);
  }

  /** This result with one more figure. */
  public JobResult withFigure(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(figures);
    more.put(key, value);
    return new JobResult(job, runId, status, startedAt, duration, more, error);
  }

  /** The fields of the SUMMARY line, in a stable order: identity first, then the job's figures. */
  public Map<String, Object> toSummary() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job", job);
    out.put("run_id", runId);
    out.put("status", status.name());
    out.put("started_at", startedAt == null ? null : startedAt.toString());
    out.put("duration_s", duration == null ? null : duration.toMillis() / 1000.0);
    figures.forEach(out::putIfAbsent);
    if (error != null) {
      out.put("error", error);
    }
    return out;
  }
}
