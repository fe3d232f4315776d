package dev.loglake.common.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, built with JFreeChart. */
final class ReportCharts {

  private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
  private static final Color[] CLASS_COLORS = {
    new Color(0x9E, 0x9E, 0x9E),
    new Color(0x2E, 0x7D, 0x32),
    new Color(0x15, 0x65, 0xC0),
    new Color(0xEF, 0x6C, 0x00),
    new Color(0xC6, 0x28, 0x28)
  };

  private ReportCharts() {}

  /** Horizontal stacked bars: requests of each status class per API. */
  static JFreeChart statusClassesPerApi(List<ApiTotals> apis) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ApiTotals t : apis) {
      long[] counts = {t.status1xx(), t.status2xx(), t.status3xx(), t.status4xx(), t.status5xx()};
      for (int i = 0; i < CLASSES.length; i++) {
        data.addValue(counts[i], CLASSES[i], t.api());
      }
    }
    JFreeChart chart =
        ChartFactory.createStackedBarChart(
            "Requests per API by status class",
            null,
            "requests",
            data,
            PlotOrientation.HORIZONTAL,
            true,
            false,
            false);
    CategoryPlot plot = chart.getCategoryPlot();
    StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
    renderer.setShadowVisible(false);
    renderer.setDrawBarOutline(false);
    for (int i = 0; i < CLASS_COLORS.length; i++) {
      renderer.setSeriesPaint(i, CLASS_COLORS[i]);
    }
    plot.getDomainAxis()
        .setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, apis.size() > 25 ? 8 : 10));
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return chart;
  }

  /** One line per API: its 5xx per hour (UTC) over the report's dates, 0 for hours without rows. */
  static JFreeChart hourly5xx(StatusReport report, List<String> apis) {
    int hours =
        (int) (ChronoUnit.DAYS.between(report.range().from(), report.range().to()) + 1) * 24;
    XYSeriesCollection data = hourly5xxSeries(report, apis, hours);
    String axis = hours == 24 ? "hour (UTC)" : "hours (UTC) since " + report.range().from();
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "Hourly 5xx of the worst APIs",
            axis,
            "5xx",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    ((NumberAxis) plot.getDomainAxis()).setRange(0, Math.max(1, hours - 1));
    XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
    for (int i = 0; i < apis.size(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    return chart;
  }

  /**
   * Per API, its 5xx in each hour of the range (index = hours since the range's first midnight).
   */
  private static XYSeriesCollection hourly5xxSeries(
      StatusReport report, List<String> apis, int hours) {
    Map<String, long[]> perApi = new HashMap<>();
    apis.forEach(api -> perApi.put(api, new long[hours]));
    for (ApiHourStatus h : report.hourly()) {
      long[] series = perApi.get(h.api());
      int index = (int) ChronoUnit.DAYS.between(report.range().from(), h.date()) * 24 + h.hour();
      if (series != null && index >= 0 && index < hours) {
        series[index] += h.status5xx();
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    for (String api : apis) {
      XYSeries series = new XYSeries(api);
      long[] counts = perApi.get(api);
      for (int i = 0; i < hours; i++) {
        series.add(i, counts[i]);
      }
      data.addSeries(series);
    }
    return data;
  }
}
