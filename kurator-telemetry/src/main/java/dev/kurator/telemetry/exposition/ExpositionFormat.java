package dev.kurator.telemetry.exposition;

import java.util.Locale;

/** The two text exposition formats. */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4: {@code text/plain; version=0.0.4}; timestamps in milliseconds. */
  TEXT_0_0_4("text/plain; version=0.0.4; charset=utf-8"),
  /**
   * OpenMetrics 1.0: {@code application/openmetrics-text; version=1.0.0}; ends with {@code # EOF}; timestamps in
   * seconds; exemplars; {@code # UNIT}.
   */
  OPENMETRICS_1_0("application/openmetrics-text; version=1.0.0; charset=utf-8");

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  /** The content type a server sends with this format. */
  public String contentType() {
    return contentType;
  }

  /** The format a {@code Content-Type} header names: OpenMetrics for {@code application/openmetrics-text}, else text. */
  public static ExpositionFormat fromContentType(String contentType) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("application/openmetrics-text")) {
      return OPENMETRICS_1_0;
    }
    return TEXT_0_0_4;
  }
}
