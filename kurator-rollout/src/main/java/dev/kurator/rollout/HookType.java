package dev.kurator.rollout;

import java.util.Locale;

/** Flagger's webhook types ({@code docs/gitbook/usage/webhooks.md}). An untyped hook is a {@link #ROLLOUT} hook. */
public enum HookType {
  /** Asked before the canary is scaled up; a refusal keeps the canary {@code Waiting}. */
  CONFIRM_ROLLOUT("confirm-rollout"),
  /** Run before any traffic moves; a failure counts as a failed check. */
  PRE_ROLLOUT("pre-rollout"),
  /** Run on every analysis tick before the metrics; a failure counts as a failed check. */
  ROLLOUT("rollout"),
  /** Asked before each weight increase; a refusal halts the tick without a failed check. */
  CONFIRM_TRAFFIC_INCREASE("confirm-traffic-increase"),
  /** Asked before promotion; a refusal sets {@code WaitingPromotion}. */
  CONFIRM_PROMOTION("confirm-promotion"),
  /** Told the outcome after {@code Succeeded} or {@code Failed}; its answer is only logged. */
  POST_ROLLOUT("post-rollout"),
  /** Polled while progressing; a success means "roll back now". */
  ROLLBACK("rollback"),
  /** Told every event the canary records; its answer is only logged. */
  EVENT("event");

  private final String wireName;

  HookType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in a Canary's {@code webhooks[].type}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type named {@code name}; null or blank means {@link #ROLLOUT}, as in Flagger.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static HookType ofWireName(String name) {
    if (name == null || name.isBlank()) {
      return ROLLOUT;
    }
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (HookType t : values()) {
      if (t.wireName.equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown webhook type \"" + name + "\"");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
