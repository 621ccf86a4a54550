package dev.kurator.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of every member at one moment, from concurrent probes.
 *
 * @param fleet     the fleet's name
 * @param members   one entry per member, in fleet order
 * @param checkedAt when the probes started (the fleet's clock)
 */
public record FleetHealth(String fleet, List<MemberHealth> members, Instant checkedAt) {

  /** The fleet as a whole. */
  public enum Status {
    /** Every member is ready. */
    READY,
    /** Some members are ready, some not. */
    DEGRADED,
    /** No member is ready. */
    DOWN
  }

  public FleetHealth {
    Objects.requireNonNull(fleet, "fleet");
    members = List.copyOf(members);
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /** The ready members. */
  public List<MemberHealth> ready() {
    return members.stream().filter(MemberHealth::isReady).toList();
  }

  /** The members that are not ready or unreachable. */
  public List<MemberHealth> unready() {
    return members.stream().filter(m -> !m.isReady()).toList();
  }

  /** How many members are ready. */
  public int readyCount() {
    return ready().size();
  }

  /** How many members are not ready or unreachable. */
  public int unreadyCount() {
    return members.size() - readyCount();
  }

  /** READY when all members are ready, DOWN when none is, DEGRADED otherwise. */
  public Status status() {
    int ready = readyCount();
    return ready == members.size() ? Status.READY : ready == 0 ? Status.DOWN : Status.DEGRADED;
  }

  /** The health of one member. */
  public Optional<MemberHealth> member(String cluster) {
    return members.stream().filter(m -> m.cluster().equals(cluster)).findFirst();
  }

  /** For example {@code fleet prod: DEGRADED, 2 ready, 1 unready}. */
  @Override
  public String toString() {
    return "fleet " + fleet + ": " + status() + ", " + readyCount() + " ready, " + unreadyCount() + " unready";
  }
}
