package dev.loglake.common.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jfree.chart.JFreeChart;

/**
 * The PDF report (A4, PDFBox + JFreeChart): title and dates, a summary (totals per status class,
 * error rate, worst and silent APIs), the per-API table (paginated, header repeated, rows over the
 * error-rate threshold highlighted), a stacked bar chart of status classes per API and an hourly
 * 5xx line chart of the worst APIs.
 */
public final class PdfReport {

  static final List<String> TABLE_HEADER =
      List.of("API", "Requests", "2xx", "3xx", "4xx", "5xx", "Error rate", "p99 (ms)");
  private static final PdfTable TABLE =
      new PdfTable(TABLE_HEADER, List.of(0.28f, 0.13f, 0.11f, 0.09f, 0.09f, 0.09f, 0.11f, 0.10f));
  private static final float CHART_SCALE = 2f;

  static {
    // Charts are drawn into images only: headless AWT, which on a machine with a DISPLAY set (a
    // desktop) does not connect to the X server first. A -Djava.awt.headless given to the JVM wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private PdfReport() {}

  /** The report as PDF bytes. */
  public static byte[] render(StatusReport report) {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("ALB API Status Report " + ReportFormat.dates(report));
      info.setCreator("loglake alb-status");
      try (PdfCanvas canvas =
          new PdfCanvas(doc, "ALB API Status Report " + ReportFormat.dates(report))) {
        canvas.newPage();
        summary(canvas, report);
        table(canvas, report);
        charts(canvas, report);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void summary(PdfCanvas c, StatusReport report) {
    ApiTotals t = report.totals();
    c.line("ALB API Status Report", PdfCanvas.BOLD, 18);
    c.line("Dates (UTC): " + ReportFormat.dates(report), PdfCanvas.REGULAR, 11);
    c.moveDown(8);
    c.line("Summary", PdfCanvas.BOLD, 12);
    ReportFormat.totalsLines(t).forEach(l -> c.line(l, PdfCanvas.REGULAR, 10));
    c.moveDown(4);
    List<ApiTotals> worst = report.worstApis();
    c.line(
        worst.isEmpty() ? "Worst APIs: none, no 5xx in the period." : "Worst APIs (by error rate):",
        PdfCanvas.BOLD,
        10);
    worst.forEach(w -> c.line("  " + ReportFormat.worstLine(w), PdfCanvas.REGULAR, 10));
    List<String> silent = report.silentApis();
    if (!silent.isEmpty()) {
      c.line("No traffic at all: " + String.join(", ", silent), PdfCanvas.BOLD, 10);
    }
  }

  private static void table(PdfCanvas c, StatusReport report) {
    c.moveDown(10);
    c.line("Per API", PdfCanvas.BOLD, 12);
    String p99 =
        report.range().from().equals(report.range().to()) ? "" : " p99 is the highest daily p99.";
    c.line(
        "Highlighted: error rate above "
            + ReportFormat.percent(report.errorRateThreshold())
            + "."
            + p99,
        PdfCanvas.REGULAR,
        8);
    List<PdfTable.TableRow> rows =
        report.perApi().stream()
            .map(t -> new PdfTable.TableRow(cells(t), report.overThreshold(t)))
            .toList();
    c.moveDown(4);
    TABLE.draw(c, rows);
  }

  static List<String> cells(ApiTotals t) {
    return List.of(
        t.api(),
        ReportFormat.count(t.requests()),
        ReportFormat.count(t.status2xx()),
        ReportFormat.count(t.status3xx()),
        ReportFormat.count(t.status4xx()),
        ReportFormat.count(t.status5xx()),
        t.requests() == 0 ? "no traffic" : ReportFormat.percent(t.errorRate()),
        ReportFormat.millis(t.latencyP99()));
  }

  private static void charts(PdfCanvas c, StatusReport report) {
    List<ApiTotals> apis = report.perApi();
    float width = c.contentWidth();
    float barHeight =
        Math.min(PdfCanvas.SIZE.getHeight() - 2 * PdfCanvas.MARGIN - 10, 120 + 16f * apis.size());
    chart(c, ReportCharts.statusClassesPerApi(apis), width, barHeight);
    List<String> worst = report.worstApis().stream().map(ApiTotals::api).toList();
    if (worst.isEmpty()) {
      c.ensureRoom(20);
      c.line("Hourly 5xx chart: no 5xx in the period.", PdfCanvas.REGULAR, 10);
      return;
    }
    chart(c, ReportCharts.hourly5xx(report, worst), width, 300);
  }

  private static void chart(PdfCanvas c, JFreeChart chart, float w, float h) {
    c.moveDown(12);
    c.ensureRoom(h);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
    // Drawn at w x h points, rasterized at CHART_SCALE times that for a sharp print.
    c.image(
        chart.createBufferedImage((int) (w * CHART_SCALE), (int) (h * CHART_SCALE), w, h, null),
        w,
        h);
  }
}
