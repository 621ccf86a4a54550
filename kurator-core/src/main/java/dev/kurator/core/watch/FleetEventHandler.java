package dev.kurator.core.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Receives the events of every member, one at a time (calls are never concurrent), so implementations need not be
 * thread-safe. An exception thrown here is logged with the event's cluster and does not stop delivery.
 *
 * @param <T> the resource type
 */
@FunctionalInterface
public interface FleetEventHandler<T extends HasMetadata> {

  /** An object was added, updated (or resynced) or deleted on a member. */
  void onEvent(FleetEvent<T> event);

  /** A member was added and its informer started; its existing objects follow as ADDED events. */
  default void onMemberJoined(String cluster) {}

  /** A member was removed; {@code lastKnown} is what its informer held. No event from it follows. */
  default void onMemberLeft(String cluster, List<T> lastKnown) {}
}
