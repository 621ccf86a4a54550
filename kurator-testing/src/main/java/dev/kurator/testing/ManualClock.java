package dev.kurator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move by hand, for fleets and caches that take a {@link Clock} (circuit breakers, refresh
 * intervals) instead of sleeping. Thread-safe.
 */
public final class ManualClock extends Clock {

  private final AtomicReference<Instant> now;

  private ManualClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** A clock reading {@code start} until moved. */
  public static ManualClock at(Instant start) {
    return new ManualClock(start);
  }

  /** A clock reading {@code 2026-01-01T00:00:00Z} until moved. */
  public static ManualClock start() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Moves the clock forward by {@code step}. */
  public ManualClock advance(Duration step) {
    Objects.requireNonNull(step, "step");
    now.updateAndGet(t -> t.plus(step));
    return this;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
