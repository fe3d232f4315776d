package dev.loglake.common.report;

import java.util.List;
import java.util.Optional;

/** The SNS message of a report: subject and plain-text body. */
public final class ReportMessage {

  private ReportMessage() {}

  /** {@code Daily ALB API Status Report | 2024-05-01} (SNS subjects: ASCII, at most 100 chars). */
  public static String subject(StatusReport report) {
    return "Daily ALB API Status Report | " + ReportFormat.dates(report);
  }

  /**
   * Totals, worst and silent APIs, and where the report is ({@code link} when presigned, with when
   * it expires).
   */
  public static String body(StatusReport report, List<String> paths, Optional<ReportLink> link) {
    ApiTotals t = report.totals();
    StringBuilder sb = new StringBuilder();
    sb.append("ALB API status for ").append(ReportFormat.dates(report)).append(" (UTC)\n\n");
    ReportFormat.totalsLines(t).forEach(l -> sb.append(l).append('\n'));
    sb.append('\n');
    List<ApiTotals> worst = report.worstApis();
    sb.append(worst.isEmpty() ? "Worst APIs: none, no 5xx.\n" : "Worst APIs:\n");
    worst.forEach(w -> sb.append("  ").append(ReportFormat.worstLine(w)).append('\n'));
    List<String> silent = report.silentApis();
    if (!silent.isEmpty()) {
      sb.append("No traffic at all: ").append(String.join(", ", silent)).append('\n');
    }
    sb.append('\n');
    link.ifPresent(
        l -> {
          sb.append("Report (PDF): ").append(l.url()).append('\n');
          linkExpiry(l).forEach(line -> sb.append(line).append('\n'));
        });
    sb.append("Files:\n");
    paths.forEach(p -> sb.append("  ").append(p).append('\n'));
    return sb.toString();
  }

  /** When the link stops working, and, when that is sooner than configured or unsure, why. */
  static List<String> linkExpiry(ReportLink link) {
    LinkExpiry e = link.expiry();
    String until = ReportFormat.utcMinute(link.expiresAt());
    String configured = ReportFormat.span(e.requested());
    String longer =
        "For a link that lasts "
            + configured
            + ", configure "
            + LinkSigner.SECRET_KEY
            + " (README: On AWS, the report link).";
    return switch (e.limit()) {
      case CONFIGURED -> List.of("The link works until " + until + ".");
      case CAPPED_BY_CREDENTIALS ->
          List.of(
              "The link works until "
                  + until
                  + " ("
                  + ReportFormat.span(e.granted())
                  + "), not the configured "
                  + configured
                  + ": it was capped by the temporary credentials that signed it, which expire at "
                  + ReportFormat.utcMinute(e.credentialsExpireAt().orElseThrow())
                  + ".",
              longer);
      case CREDENTIALS_EXPIRY_UNKNOWN ->
          List.of(
              "The link works until "
                  + until
                  + " at the latest: it was signed with temporary credentials whose expiry is"
                  + " unknown, and it stops working when they expire, possibly much sooner.",
              longer);
    };
  }
}
