package dev.loglake.common.error;

/** An error-level quality rule failed; the pipeline must stop. The job exits 3. */
public final class QualityGateException extends EtlException {

  QualityGateException(String message) {
    super(message, null);
  }

  @Override
  public int exitCode() {
    return 3;
  }
}
