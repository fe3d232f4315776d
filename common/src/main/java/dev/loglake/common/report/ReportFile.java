package dev.loglake.common.report;

import java.util.List;

/**
 * One rendered report file.
 *
 * @param name the file name, e.g. {@code alb_api_status_report_2024-05-01.pdf}
 * @param contentType its MIME type
 * @param bytes its content
 */
public record ReportFile(String name, String contentType, byte[] bytes) {

  /** The PDF, CSV and JSON files of {@code report}, in that order. */
  public static List<ReportFile> render(StatusReport report) {
    String base = report.baseName();
    return List.of(
        new ReportFile(base + ".pdf", "application/pdf", PdfReport.render(report)),
        new ReportFile(base + ".csv", "text/csv; charset=utf-8", ReportData.csv(report)),
        new ReportFile(base + ".json", "application/json", ReportData.json(report)));
  }
}
