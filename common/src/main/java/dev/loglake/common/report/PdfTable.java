package dev.loglake.common.report;

import java.awt.Color;
import java.util.List;

/**
 * A table that flows over as many pages as it needs, repeating its header row at the top of each
 * page. The first column is left-aligned text, the others right-aligned numbers.
 *
 * @param header the column titles
 * @param widths the column widths, as fractions of the page's content width
 */
record PdfTable(List<String> header, List<Float> widths) {

  static final float ROW_HEIGHT = 15f;
  static final float FONT_SIZE = 8.5f;
  static final Color HEADER_FILL = new Color(0xDD, 0xE3, 0xEA);
  static final Color HIGHLIGHT_FILL = new Color(0xF8, 0xD7, 0xDA);
  static final Color RULE = new Color(0xCC, 0xCC, 0xCC);

  /** A row: its cells and whether it is highlighted. */
  record TableRow(List<String> cells, boolean highlighted) {}

  PdfTable {
    if (header.size() != widths.size()) {
      throw new IllegalArgumentException("one width per column");
    }
    header = List.copyOf(header);
    widths = List.copyOf(widths);
  }

  /** Draws {@code rows} from the cursor on, a header row first and again on every new page. */
  void draw(PdfCanvas canvas, List<TableRow> rows) {
    canvas.ensureRoom(2 * ROW_HEIGHT);
    drawRow(canvas, header, HEADER_FILL, true);
    for (TableRow row : rows) {
      if (canvas.room() < ROW_HEIGHT) {
        canvas.newPage();
        drawRow(canvas, header, HEADER_FILL, true);
      }
      drawRow(canvas, row.cells(), row.highlighted() ? HIGHLIGHT_FILL : null, false);
    }
  }

  private void drawRow(PdfCanvas canvas, List<String> cells, Color fill, boolean bold) {
    canvas.moveDown(ROW_HEIGHT);
    float bottom = canvas.y();
    float x = PdfCanvas.MARGIN;
    if (fill != null) {
      canvas.fillRect(x, bottom, canvas.contentWidth(), ROW_HEIGHT, fill);
    }
    var font = bold ? PdfCanvas.BOLD : PdfCanvas.REGULAR;
    float baseline = bottom + 4.5f;
    for (int i = 0; i < cells.size(); i++) {
      float w = widths.get(i) * canvas.contentWidth();
      String text = PdfCanvas.fit(cells.get(i), font, FONT_SIZE, w - 6);
      float tx = i == 0 ? x + 3 : x + w - 3 - PdfCanvas.width(text, font, FONT_SIZE);
      canvas.text(text, tx, baseline, font, FONT_SIZE, Color.BLACK);
      x += w;
    }
    canvas.hLine(PdfCanvas.MARGIN, PdfCanvas.MARGIN + canvas.contentWidth(), bottom, RULE);
  }
}
