package dev.loglake.common.error;

/** The output was written but could not be delivered (e.g. the report's SNS message). Exit 1. */
public final class DeliveryException extends EtlException {

  DeliveryException(String message) {
    super(message, null);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
