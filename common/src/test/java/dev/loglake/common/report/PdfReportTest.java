package dev.loglake.common.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportTest {

  private static final String HEADER = String.join(" ", PdfReport.TABLE_HEADER);

  /** The text of each page, in reading order. */
  private static List<String> pages(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      List<String> pages = new ArrayList<>();
      for (int p = 1; p <= doc.getNumberOfPages(); p++) {
        stripper.setStartPage(p);
        stripper.setEndPage(p);
        pages.add(stripper.getText(doc));
      }
      return pages;
    }
  }

  @Test
  void tableAndSummaryReadBackWithThousandsSeparators() throws IOException {
    StatusReport report = ReportFixture.oneDay();

    String text = String.join("\n", pages(PdfReport.render(report)));

    assertThat(text)
        .contains("ALB API Status Report")
        .contains("Dates (UTC): 2024-05-01")
        .contains("Requests: 1,340,832")
        .contains("5xx: 31,067")
        .contains(HEADER)
        .contains("payments 1,234,567 1,200,000 0 4,000 30,567 2.48% 123.4")
        .contains("search 98,765 97,000 1,000 765 0 0.00% 45.0")
        .contains("orders 5,000 4,500 0 0 500 10.00% 1,500.0")
        .contains("(load balancer) 2,500 0 2,400 100 0 0.00% -")
        .contains("billing 0 0 0 0 0 no traffic -")
        .contains("No traffic at all: billing")
        .contains("orders: 10.00% errors (500 5xx of 5,000 requests)");
    for (ApiTotals t : report.perApi()) {
      assertThat(text).contains(String.join(" ", PdfReport.cells(t)));
    }
  }

  @Test
  void firstPageRendersToAnA4Png(@TempDir Path dir) throws IOException {
    byte[] pdf = PdfReport.render(ReportFixture.oneDay());

    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThanOrEqualTo(2);
      BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
      assertThat(page.getWidth()).isEqualTo(595);
      assertThat(page.getHeight()).isBetween(841, 842);
      assertThat(ImageIO.write(page, "png", dir.resolve("page1.png").toFile())).isTrue();
      assertThat(dir.resolve("page1.png").toFile().length()).isGreaterThan(5_000);
      assertThat(hasDarkPixels(page)).isTrue();
    }
  }

  @Test
  void paginates45ApisRepeatingTheHeaderRow() throws IOException {
    StatusReport report = ReportFixture.manyApis(45);

    List<String> pages = pages(PdfReport.render(report));

    List<String> tablePages = pages.stream().filter(p -> p.contains("api-")).toList();
    assertThat(tablePages.size()).isGreaterThanOrEqualTo(2);
    for (String page : tablePages.subList(0, tablePages.size() - 1)) {
      assertThat(page).contains(HEADER);
    }
    String all = String.join("\n", pages);
    for (ApiTotals t : report.perApi()) {
      String row = String.join(" ", PdfReport.cells(t));
      assertThat(all.split(java.util.regex.Pattern.quote(row), -1)).as(row).hasSize(2);
    }
    assertThat(countOf(all, HEADER)).isEqualTo(tablePagesWithRows(pages));
  }

  private static long tablePagesWithRows(List<String> pages) {
    return pages.stream().filter(p -> p.matches("(?s).*\\napi-\\d\\d \\d.*")).count();
  }

  private static int countOf(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  private static boolean hasDarkPixels(BufferedImage image) {
    for (int x = 0; x < image.getWidth(); x += 3) {
      for (int y = 0; y < image.getHeight(); y += 3) {
        if ((image.getRGB(x, y) & 0xFF) < 64) {
          return true;
        }
      }
    }
    return false;
  }
}
