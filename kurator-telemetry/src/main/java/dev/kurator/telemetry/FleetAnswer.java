package dev.kurator.telemetry;

import java.util.List;

/** What every fleet-wide answer carries besides its data: warnings and per-endpoint outcomes. */
public interface FleetAnswer {

  /**
   * Warnings, in Thanos's sense: failed or timed-out endpoints under {@link PartialResponse#WARN}, and warnings the
   * endpoints themselves returned. Empty when the answer is complete.
   */
  List<String> warnings();

  /** One outcome per endpoint of every configured cluster, in configuration order. */
  List<EndpointOutcome> outcomes();

  /** The outcomes of endpoints that failed. */
  default List<EndpointOutcome> failures() {
    return outcomes().stream().filter(o -> o.status() == EndpointOutcome.Status.FAILED).toList();
  }

  /** Whether some endpoint failed, so the data may be incomplete. */
  default boolean isPartial() {
    return !failures().isEmpty();
  }
}
