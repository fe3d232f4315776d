package dev.loglake.common.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * A4 pages written top to bottom with PDFBox: a cursor ({@link #y()}) that moves down, and a new
 * page when content does not fit. Text uses the standard Helvetica fonts; characters they cannot
 * encode (WinAnsi) are written as {@code ?}.
 */
final class PdfCanvas implements AutoCloseable {

  static final PDRectangle SIZE = PDRectangle.A4;
  static final float MARGIN = 40f;
  static final float FOOTER = 20f;
  static final PDFont REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
  static final PDFont BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

  private final PDDocument doc;
  private final String footer;
  private PDPageContentStream content;
  private float y;
  private int pages;

  PdfCanvas(PDDocument doc, String footer) {
    this.doc = doc;
    this.footer = footer;
  }

  /** Starts a new page with the cursor at its top margin. */
  void newPage() {
    try {
      closeContent();
      PDPage page = new PDPage(SIZE);
      doc.addPage(page);
      content = new PDPageContentStream(doc, page);
      pages++;
      y = SIZE.getHeight() - MARGIN;
      text(footer + "  |  page " + pages, MARGIN, MARGIN - FOOTER, REGULAR, 7, Color.GRAY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  float y() {
    return y;
  }

  float contentWidth() {
    return SIZE.getWidth() - 2 * MARGIN;
  }

  /** Room left on this page above the bottom margin. */
  float room() {
    return y - MARGIN;
  }

  void moveDown(float height) {
    y -= height;
  }

  /** Starts a new page unless {@code height} still fits on this one. */
  void ensureRoom(float height) {
    if (content == null || room() < height) {
      newPage();
    }
  }

  void text(String s, float x, float baseline, PDFont font, float size, Color color) {
    try {
      content.beginText();
      content.setFont(font, size);
      content.setNonStrokingColor(color);
      content.newLineAtOffset(x, baseline);
      content.showText(safe(font, s));
      content.endText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A line of text at the cursor, which then moves below it. */
  void line(String s, PDFont font, float size) {
    moveDown(size * 1.4f);
    text(s, MARGIN, y, font, size, Color.BLACK);
  }

  void fillRect(float x, float bottom, float w, float h, Color color) {
    try {
      content.setNonStrokingColor(color);
      content.addRect(x, bottom, w, h);
      content.fill();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void hLine(float x1, float x2, float at, Color color) {
    try {
      content.setStrokingColor(color);
      content.setLineWidth(0.5f);
      content.moveTo(x1, at);
      content.lineTo(x2, at);
      content.stroke();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Draws {@code image} scaled to {@code w} x {@code h} with its top at the cursor; moves below it.
   */
  void image(BufferedImage image, float w, float h) {
    try {
      moveDown(h);
      content.drawImage(LosslessFactory.createFromImage(doc, image), MARGIN, y, w, h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static float width(String s, PDFont font, float size) {
    try {
      return font.getStringWidth(safe(font, s)) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code s} cut to {@code maxWidth} with "..." when longer. */
  static String fit(String s, PDFont font, float size, float maxWidth) {
    if (width(s, font, size) <= maxWidth) {
      return s;
    }
    String cut = s;
    while (!cut.isEmpty() && width(cut + "...", font, size) > maxWidth) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }

  /** {@code s} with every character {@code font} cannot encode replaced by {@code ?}. */
  static String safe(PDFont font, String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            cp -> {
              String ch = new String(Character.toChars(cp));
              try {
                font.encode(ch);
                sb.append(ch);
              } catch (IOException | IllegalArgumentException e) {
                sb.append('?');
              }
            });
    return sb.toString();
  }

  private void closeContent() throws IOException {
    if (content != null) {
      content.close();
      content = null;
    }
  }

  @Override
  public void close() {
    try {
      closeContent();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
