package dev.kurator.telemetry.promql;

import dev.kurator.core.KuratorException;
import java.util.Objects;

/** A query that could not be evaluated; {@link #errorType()} maps onto the Prometheus API error types. */
public final class QueryException extends KuratorException {
  private static final long serialVersionUID = 1L;

  /** Why evaluation failed. */
  public enum ErrorType {
    /** The query text is invalid (HTTP 400 {@code bad_data}). */
    BAD_DATA("bad_data"),
    /** Evaluation failed, e.g. many-to-many matching (HTTP 422 {@code execution}). */
    EXECUTION("execution"),
    /** The query exceeded its timeout (HTTP 503 {@code timeout}). */
    TIMEOUT("timeout"),
    /** The caller cancelled the query ({@code canceled}). */
    CANCELED("canceled"),
    /** The query needs a feature this engine declines, such as native histograms. */
    UNSUPPORTED("unsupported");

    private final String apiName;

    ErrorType(String apiName) {
      this.apiName = apiName;
    }

    /** The {@code errorType} string of the Prometheus HTTP API. */
    public String apiName() {
      return apiName;
    }
  }

  private final ErrorType errorType;

  /**
   * Creates the error.
   *
   * @param errorType classification
   * @param message what happened
   */
  public QueryException(ErrorType errorType, String message) {
    super(message);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
  }

  /**
   * Creates the error with a cause.
   *
   * @param errorType classification
   * @param message what happened
   * @param cause underlying failure
   */
  public QueryException(ErrorType errorType, String message, Throwable cause) {
    super(message, cause);
    this.errorType = Objects.requireNonNull(errorType, "errorType");
  }

  /** The classification. */
  public ErrorType errorType() {
    return errorType;
  }
}
