package dev.kurator.telemetry.promql;

import dev.kurator.core.KuratorException;

/** A PromQL text that does not parse or type-check; the message reads {@code line:col: parse error: ...}. */
public final class ParseException extends KuratorException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final boolean unsupportedFeature;

  /**
   * Creates the error.
   *
   * @param line 1-based line
   * @param column 1-based column
   * @param detail what went wrong and what was expected
   */
  public ParseException(int line, int column, String detail) {
    this(line, column, detail, false);
  }

  /**
   * Creates the error, marking syntax that is valid PromQL but that this engine declines.
   *
   * @param line 1-based line
   * @param column 1-based column
   * @param detail what went wrong and what was expected
   * @param unsupportedFeature true when the text uses a PromQL feature this engine does not implement
   */
  public ParseException(int line, int column, String detail, boolean unsupportedFeature) {
    super(line + ":" + column + ": " + (unsupportedFeature ? "unsupported: " : "parse error: ") + detail);
    this.line = line;
    this.column = column;
    this.unsupportedFeature = unsupportedFeature;
  }

  /** True when the query uses valid PromQL this engine declines (e.g. experimental syntax). */
  public boolean unsupportedFeature() {
    return unsupportedFeature;
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
