package dev.kurator.telemetry;

import java.util.Optional;

/**
 * The {@code errorType} of a failed Prometheus API call, with the HTTP status Prometheus answers it with
 * ({@code web/api/v1/api.go}). Thanos answers {@link #CANCELED} with 503 instead of 499.
 */
public enum ErrorType {
  /** Malformed request, e.g. a PromQL parse error: 400. */
  BAD_DATA("bad_data", 400),
  /** The query failed while running, e.g. many-to-many matching: 422. */
  EXECUTION("execution", 422),
  /** The query was canceled: 499 (a client-closed-request code). */
  CANCELED("canceled", 499),
  /** The query timed out: 503. */
  TIMEOUT("timeout", 503),
  /** Internal server error, e.g. a storage failure: 500. */
  INTERNAL("internal", 500),
  /** Not found: 404. */
  NOT_FOUND("not_found", 404),
  /** Not acceptable: 406. */
  NOT_ACCEPTABLE("not_acceptable", 406),
  /** The TSDB is not ready yet; not in Prometheus's status switch, so it falls to 500. */
  UNAVAILABLE("unavailable", 500);

  private final String wireName;
  private final int httpStatus;

  ErrorType(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  /** The name used in the JSON, e.g. {@code bad_data}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status Prometheus sends with this error type. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The type for a JSON name, empty for a name Prometheus does not define. */
  public static Optional<ErrorType> fromWireName(String name) {
    for (ErrorType t : values()) {
      if (t.wireName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
