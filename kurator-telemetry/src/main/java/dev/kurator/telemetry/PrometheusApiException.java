package dev.kurator.telemetry;

import dev.kurator.core.KuratorException;
import java.net.URI;
import java.util.Optional;

/**
 * A Prometheus endpoint answered with an error, or with something that is not a Prometheus API answer.
 */
public class PrometheusApiException extends KuratorException {

  private final URI endpoint;
  private final ErrorType errorType;
  private final int httpStatus;

  /**
   * @param endpoint   the endpoint's base URI (no credentials), or null when unknown
   * @param errorType  the answer's error type, null when the body was not a Prometheus error envelope
   * @param httpStatus the HTTP status, or 0 when the error was found without an HTTP exchange
   * @param message    the error text
   */
  public PrometheusApiException(URI endpoint, ErrorType errorType, int httpStatus, String message) {
    super(describe(endpoint, errorType, httpStatus, message));
    this.endpoint = endpoint;
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  private static String describe(URI endpoint, ErrorType type, int status, String message) {
    StringBuilder sb = new StringBuilder();
    if (endpoint != null) {
      sb.append(endpoint).append(": ");
    }
    if (type != null) {
      sb.append(type.wireName()).append(": ");
    }
    sb.append(message);
    if (status > 0) {
      sb.append(" (HTTP ").append(status).append(')');
    }
    return sb.toString();
  }

  /** The endpoint that answered, if known. */
  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  /** The Prometheus error type, if the answer was an error envelope with a known type. */
  public Optional<ErrorType> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** The HTTP status, 0 when there was none. */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Whether asking again may succeed: server-side trouble (5xx, timeouts, cancellation) is, a malformed query
   * ({@code bad_data}) or a failed evaluation ({@code execution}) is not.
   */
  public boolean isTransient() {
    if (errorType != null) {
      return errorType == ErrorType.TIMEOUT || errorType == ErrorType.CANCELED || errorType == ErrorType.INTERNAL
          || errorType == ErrorType.UNAVAILABLE;
    }
    return httpStatus >= 500 || httpStatus == 429;
  }
}
