package dev.kurator.policy;

import dev.kurator.core.KuratorException;

/** A policy file or document that cannot be read or is not a supported policy. */
public class PolicyLoadException extends KuratorException {
  private static final long serialVersionUID = 1L;

  /** With a message naming the file and field. */
  public PolicyLoadException(String message) {
    super(message);
  }

  /** With a message and the underlying cause. */
  public PolicyLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
