package dev.loglake.jobs.quality;

import dev.loglake.common.config.LakeZones;
import dev.loglake.quality.QualityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Writes the per-run JSON and HTML reports to {@code <quality>/reports/} (Hadoop FileSystem: s3a:// works). */
final class QualityReportFiles {

  /** Where the run's reports went. */
  record Written(String json, String html, QualityRunReport report) {}

  private QualityReportFiles() {}

  static Written write(SparkSession spark, QualityConfig config, Map<String, List<QualityReport>> reports,
      boolean gateFails, Instant now) {
    String zone = config.etl().zones().quality();
    Map<String, List<Object[]>> trends = new LinkedHashMap<>();
    for (String dataset : reports.keySet()) {
      List<Object[]> points = new ArrayList<>();
      for (Row r : QualityTables.trend(spark, zone, dataset, config.trendDays())) {
        points.add(new Object[] {r.getDate(0).toString(), r.getDouble(1)});
      }
      trends.put(dataset, points);
    }
    QualityRunReport report = new QualityRunReport(config.etl().runId(), now, config.failOn().name().toLowerCase(java.util.Locale.ROOT),
        gateFails ? "FAILED" : "PASSED", reports, trends);
    // One run of each zone per pipeline run (same run id): the zone tells their reports apart.
    QualityConfig.Zone checked = config.gating().zone();
    String base = LakeZones.join(zone, "reports", "quality_report_" + config.etl().runId()
        + (checked == QualityConfig.Zone.ALL ? "" : "_" + checked.label()));
    writeText(spark, base + ".json", report.toJson());
    writeText(spark, base + ".html", QualityHtml.render(report));
    return new Written(base + ".json", base + ".html", report);
  }

  /** Writes (overwrites) a UTF-8 text file. */
  static void writeText(SparkSession spark, String path, String text) {
    Path p = new Path(path);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (FSDataOutputStream out = fs.create(p, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}
