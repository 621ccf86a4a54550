package dev.kurator.rollout;

import java.util.List;
import java.util.Objects;

/** One wave of a fleet rollout: named clusters, a share of the fleet, or the rest. Waves run in order. */
public sealed interface Wave {

  /** These clusters, by name. */
  record Named(List<String> clusters) implements Wave {
    public Named {
      clusters = List.copyOf(clusters);
    }
  }

  /** {@code percent} of the fleet (rounded up, at least one), taken in fleet order from clusters not yet placed. */
  record Percent(int percent) implements Wave {}

  /** Every cluster not placed in an earlier wave. */
  record Rest() implements Wave {}

  /** A wave of the named clusters. */
  static Wave of(String... clusters) {
    for (String c : clusters) {
      Objects.requireNonNull(c, "cluster");
    }
    return new Named(List.of(clusters));
  }

  /** A wave of {@code percent} percent of the fleet (1-100). */
  static Wave percent(int percent) {
    return new Percent(percent);
  }

  /** A wave of every remaining cluster. */
  static Wave rest() {
    return new Rest();
  }
}
