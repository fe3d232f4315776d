package dev.loglake.common.report;

import java.util.List;
import java.util.Optional;

/**
 * What the delivery of one report did.
 *
 * @param paths the written report files (PDF, CSV, JSON)
 * @param link the presigned GET link to the PDF and its expiry, when delivery is on and the
 *     reports zone is on S3
 * @param messageId the SNS message id, when a message was published
 * @param deliveryError why presigning or the SNS publish failed, when one did (the files are
 *     written all the same)
 */
public record DeliveryResult(
    List<String> paths,
    Optional<ReportLink> link,
    Optional<String> messageId,
    Optional<String> deliveryError) {

  public DeliveryResult {
    paths = List.copyOf(paths);
  }
}
