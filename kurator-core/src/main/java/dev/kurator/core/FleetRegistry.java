package dev.kurator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link Fleet} snapshot of a long-running host: joins and leaves replace it atomically and
 * notify the registered {@link FleetListener}s. Thread-safe.
 */
public final class FleetRegistry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetRegistry.class);

  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();
  private Fleet current;

  private FleetRegistry(Fleet initial) {
    this.current = Objects.requireNonNull(initial, "initial");
  }

  /** A registry whose current snapshot is {@code initial}. */
  public static FleetRegistry of(Fleet initial) {
    return new FleetRegistry(initial);
  }

  /** The current snapshot. */
  public synchronized Fleet current() {
    return current;
  }

  /** A listener registration; closing it unregisters the listener. */
  @FunctionalInterface
  public interface Subscription extends AutoCloseable {
    /** Unregisters the listener; further changes are not delivered to it. */
    @Override
    void close();
  }

  /** Registers a listener, called after each later change; the returned subscription unregisters it. */
  public Subscription addListener(FleetListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> listeners.remove(listener);
  }

  /**
   * Adds members and notifies listeners.
   *
   * @return the new snapshot
   * @throws ValidationException when a name is already a member (nothing changes)
   */
  public Fleet join(MemberCluster... members) {
    return change(f -> f.join(members));
  }

  /**
   * Removes members and notifies listeners.
   *
   * @return the new snapshot
   * @throws ValidationException when a name is not a member or no member would be left (nothing changes)
   */
  public Fleet leave(String... names) {
    return change(f -> f.leave(names));
  }

  private Fleet change(UnaryOperator<Fleet> op) {
    FleetChange change;
    synchronized (this) {
      Fleet previous = current;
      Fleet next = op.apply(previous);
      List<String> joined = new ArrayList<>(next.memberNames());
      joined.removeAll(previous.memberNames());
      List<String> left = new ArrayList<>(previous.memberNames());
      left.removeAll(next.memberNames());
      current = next;
      change = new FleetChange(previous, next, joined, left);
    }
    log.info("fleet {}: joined {}, left {}", change.current().name(), change.joined(), change.left());
    for (FleetListener l : listeners) {
      try {
        l.onChange(change);
      } catch (RuntimeException e) {
        log.warn("fleet {}: listener {} failed", change.current().name(), l, e);
      }
    }
    return change.current();
  }

  /** Closes the current snapshot (its pool and the clients its members own). */
  @Override
  public synchronized void close() {
    current.close();
  }
}
