package dev.kurator.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope of every Prometheus HTTP API answer:
 * {@code {"status":..,"data":..,"errorType":..,"error":..,"warnings":[..],"infos":[..]}}.
 *
 * @param success   whether {@code status} is {@code success}
 * @param data      the payload ({@link QueryData}, a {@code List<Labels>} for series, a {@code List<String>} for label
 *                  names and values); null when absent (errors)
 * @param errorType the raw {@code errorType} of an error answer, null on success
 * @param error     the {@code error} message of an error answer, null on success
 * @param warnings  {@code warnings}; empty when absent
 * @param infos     {@code infos} (Prometheus 3.x); empty when absent
 * @param stats     the engine statistics a query answer carries inside {@code data} when {@code stats=all} was
 *                  asked, kept as raw JSON; null when absent
 * @param <T>       the payload type
 */
public record ApiResponse<T>(
    boolean success, T data, String errorType, String error, List<String> warnings, List<String> infos,
    JsonNode stats) {

  public ApiResponse {
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    infos = List.copyOf(Objects.requireNonNull(infos, "infos"));
    if (success) {
      Objects.requireNonNull(data, "data of a successful response");
    } else {
      Objects.requireNonNull(errorType, "errorType of an error response");
      Objects.requireNonNull(error, "error of an error response");
    }
  }

  /** A successful answer with warnings. */
  public static <T> ApiResponse<T> success(T data, List<String> warnings) {
    return new ApiResponse<>(true, data, null, null, warnings, List.of(), null);
  }

  /** An error answer. */
  public static <T> ApiResponse<T> error(ErrorType type, String message) {
    return new ApiResponse<>(false, null, type.wireName(), message, List.of(), List.of(), null);
  }

  /** The error type when this is an error answer with a type Prometheus defines. */
  public Optional<ErrorType> knownErrorType() {
    return errorType == null ? Optional.empty() : ErrorType.fromWireName(errorType);
  }

  /** The HTTP status Prometheus sends with this answer: 200 on success, else the error type's status (500 if unknown). */
  public int httpStatus() {
    return success ? 200 : knownErrorType().map(ErrorType::httpStatus).orElse(500);
  }

  /** A copy with other warnings. */
  public ApiResponse<T> withWarnings(List<String> other) {
    return new ApiResponse<>(success, data, errorType, error, other, infos, stats);
  }
}
