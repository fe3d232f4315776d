package dev.loglake.common.error;

/** Bad configuration or job arguments: an unknown, missing or invalid key. The job exits 2. */
public final class ConfigException extends EtlException {

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public int exitCode() {
    return 2;
  }
}
