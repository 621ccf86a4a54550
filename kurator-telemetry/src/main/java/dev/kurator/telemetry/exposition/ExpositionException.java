package dev.kurator.telemetry.exposition;

import dev.kurator.core.KuratorException;

/** The exposition text is malformed; the message names the line (1-based) and what is wrong. */
public class ExpositionException extends KuratorException {

  private final int line;

  public ExpositionException(int line, String message) {
    super("line " + line + ": " + message);
    this.line = line;
  }

  /** The 1-based line number. */
  public int line() {
    return line;
  }
}
