package dev.loglake.common.report;

import java.time.Instant;

/**
 * The presigned GET link to a report's PDF and until when it works.
 *
 * @param url the presigned URL
 * @param expiresAt when the link stops working (UTC, whole seconds): the signing time ({@code
 *     X-Amz-Date}) plus {@code expiry.granted()} ({@code X-Amz-Expires})
 * @param expiry how the link's lifetime was chosen
 */
public record ReportLink(String url, Instant expiresAt, LinkExpiry expiry) {}
