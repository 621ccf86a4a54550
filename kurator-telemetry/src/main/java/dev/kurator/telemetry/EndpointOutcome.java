package dev.kurator.telemetry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What happened at one endpoint during a fleet query.
 *
 * @param cluster  the member cluster
 * @param endpoint the endpoint's base URI without credentials
 * @param status   success, failure or skipped
 * @param detail   the failure or skip reason; empty on success
 * @param elapsed  wall time spent on the endpoint, retries included; zero when skipped
 */
public record EndpointOutcome(String cluster, URI endpoint, Status status, String detail, Duration elapsed) {

  public EndpointOutcome {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** The result of asking one endpoint. */
  public enum Status {
    /** The endpoint answered. */
    SUCCESS,
    /** The endpoint failed, timed out, or its circuit breaker is open. */
    FAILED,
    /** The endpoint was not asked: its cluster is not selected. */
    SKIPPED
  }

  /** The warning text a failure becomes under {@link PartialResponse#WARN}. */
  public String describe() {
    return "cluster \"" + cluster + "\" endpoint " + endpoint + ": " + detail;
  }
}
