package dev.kurator.telemetry;

import dev.kurator.core.KuratorException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A fleet query failed as a whole: under {@link PartialResponse#ABORT} because an endpoint failed, or because no
 * endpoint could answer. Carries every endpoint's outcome.
 */
public class FleetQueryException extends KuratorException {

  private final List<EndpointOutcome> outcomes;

  public FleetQueryException(String message, List<EndpointOutcome> outcomes) {
    super(message + ": " + outcomes.stream().filter(o -> o.status() == EndpointOutcome.Status.FAILED)
        .map(EndpointOutcome::describe).collect(Collectors.joining("; ")));
    this.outcomes = List.copyOf(outcomes);
  }

  /** Every endpoint's outcome, failures included. */
  public List<EndpointOutcome> outcomes() {
    return outcomes;
  }

  /** The outcomes of the endpoints that failed. */
  public List<EndpointOutcome> failures() {
    return outcomes.stream().filter(o -> o.status() == EndpointOutcome.Status.FAILED).toList();
  }
}
