package dev.loglake.common.error;

/** The health check's pipeline run failed or gave numbers other than the expected ones. Exit 1. */
public final class HealthCheckException extends EtlException {

  HealthCheckException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
