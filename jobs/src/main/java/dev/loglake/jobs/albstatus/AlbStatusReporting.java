package dev.loglake.jobs.albstatus;

import dev.loglake.common.error.EtlErrors;
import dev.loglake.common.report.ApiDayStatus;
import dev.loglake.common.report.ApiHourStatus;
import dev.loglake.common.report.DeliveryResult;
import dev.loglake.common.report.ReportDelivery;
import dev.loglake.common.report.ReportFile;
import dev.loglake.common.report.StatusReport;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Collects the stored aggregates, renders the report files and delivers them. */
final class AlbStatusReporting {

  private AlbStatusReporting() {}

  /** The report of the stored rows (small: one row per API and date, per API and hour). */
  static StatusReport collect(Dataset<Row> daily, Dataset<Row> hourly, AlbStatusConfig c) {
    List<ApiDayStatus> days = daily.collectAsList().stream().map(ApiDayStatus::fromRow).toList();
    List<ApiHourStatus> hours =
        hourly.collectAsList().stream().map(ApiHourStatus::fromRow).toList();
    return new StatusReport(
        c.range(), days, hours, c.mapping().errorRateThreshold(), c.report().worstApis());
  }

  /**
   * Writes the PDF, CSV and JSON to the reports zone and delivers them when configured; empty when
   * {@code loglake.alb.report.enabled} is false. A delivery error fails the run only with {@code
   * fail-on-notify-error}.
   */
  static Optional<DeliveryResult> writeAndDeliver(
      SparkSession spark, StatusReport report, AlbStatusConfig c) {
    if (!c.report().enabled()) {
      return Optional.empty();
    }
    DeliveryResult result =
        new ReportDelivery(c.delivery(), c.report().retry())
            .deliver(
                spark.sparkContext().hadoopConfiguration(),
                c.etl().zones().reports(),
                report,
                ReportFile.render(report));
    if (result.deliveryError().isPresent() && c.delivery().failOnNotifyError()) {
      throw EtlErrors.deliveryFailed(
          result.deliveryError().get(),
          String.join(", ", result.paths()),
          "loglake.alb.delivery.fail-on-notify-error");
    }
    return Optional.of(result);
  }
}
