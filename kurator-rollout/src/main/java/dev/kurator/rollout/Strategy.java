package dev.kurator.rollout;

/** How a canary moves traffic, derived from its analysis as Flagger's {@code DeploymentStrategy()} does. */
public enum Strategy {
  /** Weighted steps towards {@code maxWeight} (optionally one mirrored step first). */
  CANARY,
  /** Requests matching header/cookie conditions go to the canary for a number of iterations. */
  AB_TESTING,
  /** A number of iterations with no traffic (or mirrored traffic), then a full switch before promotion. */
  BLUE_GREEN
}
