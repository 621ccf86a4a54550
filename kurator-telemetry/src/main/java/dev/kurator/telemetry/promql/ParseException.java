package dev.kurator.telemetry.promql;

import dev.kurator.core.KuratorException;

/** A PromQL text that does not parse or type-check; the message reads {@code line:col: parse error: ...}. */
public final class ParseException extends KuratorException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;

  /**
   * Creates the error.
   *
   * @param line 1-based line
   * @param column 1-based column
   * @param detail what went wrong and what was expected
   */
  public ParseException(int line, int column, String detail) {
    super(line + ":" + column + ": parse error: " + detail);
    this.line = line;
    this.column = column;
  }

  /** 1-based line of the error. */
  public int line() {
    return line;
  }

  /** 1-based column of the error. */
  public int column() {
    return column;
  }
}
