package dev.loglake.jobs.quality;

import dev.loglake.quality.QualityReport;
import dev.loglake.quality.RuleResult;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human-readable report: score per dataset and day, every rule's result (failed first), anomalies, and a trend sparkline
 * per dataset (inline SVG), in one self-contained HTML page.
 */
final class QualityHtml {

  private static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222}"
      + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}"
      + "th{background:#f3f3f3}.PASS{color:#1a7f37}.WARN{color:#9a6700}.FAIL{color:#cf222e;font-weight:bold}";

  private QualityHtml() {}

  static String render(QualityRunReport report) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>loglake quality ").append(esc(report.runId()))
        .append("</title><style>").append(STYLE).append("</style></head><body>");
    h.append("<h1>Data quality report</h1><p>Run <code>").append(esc(report.runId())).append("</code> at ")
        .append(esc(report.generatedAt().toString())).append(" &middot; gate <b class=\"")
        .append(report.gate().equals("PASSED") ? "PASS" : "FAIL").append("\">").append(report.gate())
        .append("</b> (fail-on = ").append(esc(report.failOn())).append(")</p>");
    scores(h, report.reports());
    trends(h, report.trends());
    rules(h, report.reports());
    anomalies(h, report.anomalies());
    return h.append("</body></html>\n").toString();
  }

  private static void scores(StringBuilder h, Map<String, List<QualityReport>> reports) {
    h.append("<h2>Score per dataset and day</h2><table><tr><th>dataset</th><th>date</th><th>rows</th><th>score</th>"
        + "<th>status</th><th>failed rules</th></tr>");
    reports.forEach((dataset, partitions) -> partitions.forEach(r -> h.append("<tr><td>").append(esc(dataset))
        .append("</td><td>").append(r.partition()).append("</td><td>").append(r.rows())
        .append("</td><td>").append(String.format(Locale.ROOT, "%.2f", r.score()))
        .append("</td><td class=\"").append(r.status()).append("\">").append(r.status()).append("</td><td>")
        .append(esc(String.join("; ", r.failedRules()))).append("</td></tr>")));
    h.append("</table>");
  }

  private static void trends(StringBuilder h, Map<String, List<Object[]>> trends) {
    h.append("<h2>Trend</h2><table><tr><th>dataset</th><th>score, last days</th><th>from</th><th>to</th></tr>");
    trends.forEach((dataset, points) -> {
      h.append("<tr><td>").append(esc(dataset)).append("</td><td>").append(sparkline(points)).append("</td><td>")
          .append(points.isEmpty() ? "" : points.get(0)[0]).append("</td><td>")
          .append(points.isEmpty() ? "" : points.get(points.size() - 1)[0]).append("</td></tr>");
    });
    h.append("</table>");
  }

  /** A 160×32 polyline of scores 0-100; one point is drawn as a dot. */
  static String sparkline(List<Object[]> points) {
    int w = 160;
    int ht = 32;
    StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + ht
        + "\" viewBox=\"0 0 " + w + " " + ht + "\"><rect width=\"" + w + "\" height=\"" + ht + "\" fill=\"#fafafa\"/>");
    StringBuilder coords = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      double x = points.size() == 1 ? w / 2.0 : 2 + i * (w - 4.0) / (points.size() - 1);
      double y = 2 + (100 - ((Number) points.get(i)[1]).doubleValue()) * (ht - 4) / 100.0;
      coords.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
      if (points.size() == 1) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#0969da\"/>", x, y));
      }
    }
    if (points.size() > 1) {
      svg.append("<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"").append(coords).append("\"/>");
    }
    return svg.append("</svg>").toString();
  }

  /** Every rule's result per dataset and day: failed ones (FAIL, ERROR) first, then skipped, then passed. */
  private static void rules(StringBuilder h, Map<String, List<QualityReport>> reports) {
    h.append("<h2>Rules</h2><table><tr><th>dataset</th><th>date</th><th>rule</th><th>level</th><th>result</th>"
        + "<th>value</th><th>compliance</th><th>detail</th></tr>");
    reports.forEach((dataset, partitions) -> partitions.forEach(r -> r.results().stream()
        .sorted(Comparator.comparingInt(QualityHtml::order))
        .forEach(f -> h.append("<tr><td>")
            .append(esc(dataset)).append("</td><td>").append(r.partition()).append("</td><td><code>")
            .append(esc(f.rule().name())).append("</code></td><td>").append(f.rule().level().label())
            .append("</td><td class=\"").append(f.failed() ? "FAIL" : f.status() == RuleResult.Status.PASS ? "PASS" : "WARN")
            .append("\">").append(f.status()).append("</td><td>")
            .append(value(f)).append("</td><td>").append(String.format(Locale.ROOT, "%.4f", f.compliance()))
            .append("</td><td>").append(esc(f.detail())).append("</td></tr>"))));
    h.append("</table>");
  }

  private static int order(RuleResult r) {
    return r.failed() ? 0 : r.status() == RuleResult.Status.SKIPPED ? 1 : 2;
  }

  private static void anomalies(StringBuilder h, List<Map<String, Object>> anomalies) {
    h.append("<h2>Anomalies</h2>");
    if (anomalies.isEmpty()) {
      h.append("<p>None.</p>");
      return;
    }
    h.append("<ul>");
    anomalies.forEach(a -> h.append("<li>").append(esc(a.get("dataset") + " " + a.get("date") + ": " + a.get("rule")
        + " — " + a.get("detail"))).append("</li>"));
    h.append("</ul>");
  }

  private static String value(RuleResult r) {
    return r.value() == null ? "" : String.format(Locale.ROOT, "%.4f", r.value());
  }

  static String esc(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
