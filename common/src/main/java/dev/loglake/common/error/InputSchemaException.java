package dev.loglake.common.error;

/** Input that cannot be read as declared (a whole file or source, never a single bad record). Exit 1. */
public final class InputSchemaException extends EtlException {

  InputSchemaException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
