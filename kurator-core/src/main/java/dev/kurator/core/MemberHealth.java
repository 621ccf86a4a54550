package dev.kurator.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of probing one member.
 *
 * @param cluster member name
 * @param state   ready, not ready or unreachable
 * @param latency time from sending the probe to its answer (or to giving up)
 * @param reason  why it is not ready or unreachable; for a ready member, what answered (e.g. {@code /readyz ok})
 * @param version the API server's git version when known (e.g. {@code v1.31.2}), else empty
 */
public record MemberHealth(String cluster, HealthState state, Duration latency, String reason, String version) {

  public MemberHealth {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(latency, "latency");
    reason = reason == null ? "" : reason;
    version = version == null ? "" : version;
  }

  /** Whether the state is {@link HealthState#READY}. */
  public boolean isReady() {
    return state == HealthState.READY;
  }
}
