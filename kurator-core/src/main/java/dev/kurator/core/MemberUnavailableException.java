package dev.kurator.core;

import java.util.Objects;

/**
 * A call to a member was not attempted because the member's circuit breaker is open: it failed repeatedly and is
 * probed again after {@link Resilience#openDuration()}. The counterpart of {@link Outcome.Unavailable} for
 * {@link Fleet#callMember}.
 */
public final class MemberUnavailableException extends KuratorException {

  private final String cluster;
  private final String reason;

  /**
   * @param cluster the member's name
   * @param reason  why it is unavailable, without credentials
   */
  public MemberUnavailableException(String cluster, String reason) {
    super("cluster \"" + Objects.requireNonNull(cluster, "cluster") + "\" is unavailable: "
        + Objects.requireNonNull(reason, "reason"));
    this.cluster = cluster;
    this.reason = reason;
  }

  /** The member's name. */
  public String cluster() {
    return cluster;
  }

  /** Why it is unavailable (the breaker's state and when it is probed again). */
  public String reason() {
    return reason;
  }
}
