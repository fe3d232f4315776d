package dev.loglake.jobs.sample;

/**
 * One page or API event of a browsing session. {@code userId}, {@code userAgent} and {@code
 * referrer} are optional and may be {@code null}.
 */
record WebEvent(
    String eventId,
    long epochMillis,
    String sessionId,
    String userId,
    String method,
    String path,
    int status,
    double latencyMs,
    long bytes,
    String clientIp,
    String userAgent,
    String referrer) {}
