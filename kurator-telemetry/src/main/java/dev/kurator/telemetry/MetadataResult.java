package dev.kurator.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * The fleet-wide answer to a series, label-names or label-values request.
 *
 * @param data     label sets (series) or strings (names, values), sorted and without duplicates
 * @param warnings see {@link FleetAnswer#warnings()}
 * @param outcomes see {@link FleetAnswer#outcomes()}
 * @param <T>      {@link Labels} or {@link String}
 */
public record MetadataResult<T>(List<T> data, List<String> warnings, List<EndpointOutcome> outcomes)
    implements FleetAnswer {

  public MetadataResult {
    data = List.copyOf(Objects.requireNonNull(data, "data"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /** The answer as a Prometheus API envelope with the warnings, ready for {@link PrometheusJson#write}. */
  public ApiResponse<List<T>> toApiResponse() {
    return ApiResponse.success(data, warnings);
  }
}
