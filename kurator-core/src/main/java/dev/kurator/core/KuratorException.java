package dev.kurator.core;

/** Root of every unchecked exception the SDK throws for misuse or bad input. */
public class KuratorException extends RuntimeException {

  public KuratorException(String message) {
    super(message);
  }

  public KuratorException(String message, Throwable cause) {
    super(message, cause);
  }
}
