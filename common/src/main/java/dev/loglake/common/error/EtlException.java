package dev.loglake.common.error;

/**
 * Base of every user-facing loglake error. The message says the problem, its cause and the fix. {@link
 * #exitCode()} is the process exit code a job's {@code main} returns for it.
 */
public abstract class EtlException extends RuntimeException {

  protected EtlException(String message, Throwable cause) {
    super(message, cause);
  }

  /** 1 = failure, 2 = bad configuration or arguments, 3 = the quality gate failed. */
  public abstract int exitCode();
}
