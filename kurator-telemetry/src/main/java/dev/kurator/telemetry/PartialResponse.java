package dev.kurator.telemetry;

/**
 * What a fleet query does when some endpoints fail or time out (Thanos's {@code PartialResponseStrategy}).
 */
public enum PartialResponse {
  /**
   * The default, as Thanos's {@code --query.partial-response=true}: a failing or timed-out endpoint becomes a warning
   * in the result and the answers of the others are returned.
   */
  WARN,
  /** Any failing or timed-out endpoint fails the whole query with a {@link FleetQueryException}. */
  ABORT
}
