package dev.kurator.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-member values read at most once per refresh interval, with time from a {@link Clock}. A read that fails keeps
 * the last good value (logged) and is tried again on the next call; concurrent callers for one member share one
 * read. Thread-safe.
 *
 * @param <V> the value read from a member
 */
public final class RefreshingCache<V> {

  private static final Logger log = LoggerFactory.getLogger(RefreshingCache.class);

  /**
   * A cached value.
   *
   * @param value  the last value read successfully
   * @param readAt when it was read
   * @param stale  whether the latest read failed (the value is older than the refresh interval)
   */
  public record Cached<V>(V value, Instant readAt, boolean stale) {
    public Cached {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(readAt, "readAt");
    }
  }

  private final String what;
  private final Clock clock;
  private final Duration refresh;
  private final ConcurrentHashMap<String, Cached<V>> entries = new ConcurrentHashMap<>();

  /**
   * A cache.
   *
   * @param what    what is read, for logs (e.g. {@code "nodes and pods"})
   * @param clock   time source
   * @param refresh how long a value is served before it is read again; positive
   */
  public RefreshingCache(String what, Clock clock, Duration refresh) {
    this.what = Objects.requireNonNull(what, "what");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
  }

  /** The member's value, read through {@code reader} when absent, stale or older than the refresh interval. */
  public Optional<Cached<V>> get(String member, Supplier<? extends V> reader) {
    Instant now = clock.instant();
    Cached<V> current = entries.get(member);
    if (isFresh(current, now)) {
      return Optional.of(current);
    }
    boolean[] failed = {false};
    Cached<V> updated = entries.compute(member, (k, old) -> {
      if (isFresh(old, now)) {
        return old;
      }
      try {
        return new Cached<>(reader.get(), now, false);
      } catch (RuntimeException e) {
        failed[0] = true;
        log.warn("Cannot read {} of cluster {}; keeping the value read at {}: {}", what, member,
            old == null ? "never" : old.readAt(), e.toString());
        return old == null ? null : new Cached<>(old.value(), old.readAt(), true);
      }
    });
    return Optional.ofNullable(updated);
  }

  private boolean isFresh(Cached<V> c, Instant now) {
    return c != null && !c.stale() && now.isBefore(c.readAt().plus(refresh));
  }

  /** The member's cached value, without reading; empty if never read successfully. */
  public Optional<Cached<V>> peek(String member) {
    return Optional.ofNullable(entries.get(member));
  }

  /** Drops a member's value, so the next call reads it afresh. */
  public void invalidate(String member) {
    entries.remove(member);
  }
}
