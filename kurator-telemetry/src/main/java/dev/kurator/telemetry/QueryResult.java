package dev.kurator.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * The fleet-wide answer to an instant or range query: every series carries the cluster label, HA replicas are
 * deduplicated.
 *
 * @param data     the merged result
 * @param warnings see {@link FleetAnswer#warnings()}
 * @param outcomes see {@link FleetAnswer#outcomes()}
 */
public record QueryResult(QueryData data, List<String> warnings, List<EndpointOutcome> outcomes)
    implements FleetAnswer {

  public QueryResult {
    Objects.requireNonNull(data, "data");
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
    outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
  }

  /**
   * The samples of an instant-vector result.
   *
   * @throws IllegalStateException when the result is not a vector
   */
  public List<Sample> vector() {
    if (data instanceof QueryData.Vector v) {
      return v.samples();
    }
    throw new IllegalStateException("result is a " + data.resultType().wireName() + ", not a vector");
  }

  /**
   * The series of a range-vector result.
   *
   * @throws IllegalStateException when the result is not a matrix
   */
  public List<Series> matrix() {
    if (data instanceof QueryData.Matrix m) {
      return m.series();
    }
    throw new IllegalStateException("result is a " + data.resultType().wireName() + ", not a matrix");
  }

  /** The answer as a Prometheus API envelope with the warnings, ready for {@link PrometheusJson#write}. */
  public ApiResponse<QueryData> toApiResponse() {
    return ApiResponse.success(data, warnings);
  }
}
