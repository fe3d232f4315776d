package dev.loglake.common.error;

/** A job that is scaffolding only. Exit 1, with the issue that will build it named in the message. */
public final class NotImplementedException extends EtlException {

  NotImplementedException(String message) {
    super(message, null);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
