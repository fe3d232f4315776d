package dev.loglake.common.error;

/**
 * A run asked for a range that holds no input at all: reporting a healthy empty result would hide
 * a wrong path or date. Exit 1; the job's {@code --allow-empty} accepts an empty range instead.
 */
public final class NoInputException extends EtlException {

  NoInputException(String message) {
    super(message, null);
  }

  @Override
  public int exitCode() {
    return 1;
  }
}
