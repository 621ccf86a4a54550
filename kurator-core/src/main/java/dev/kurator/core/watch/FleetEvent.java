package dev.kurator.core.watch;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * One change seen on one member cluster.
 *
 * @param cluster   member the change happened on
 * @param type      added, updated or deleted
 * @param oldObject the previous state for UPDATED, null otherwise
 * @param object    the new state (the last known state for DELETED)
 * @param <T>       the resource type
 */
public record FleetEvent<T extends HasMetadata>(String cluster, Type type, T oldObject, T object) {

  public FleetEvent {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
  }

  /** The kind of change. */
  public enum Type {
    ADDED,
    UPDATED,
    DELETED
  }

  /** Cluster, type and object identity only: the objects may be Secrets. */
  @Override
  public String toString() {
    var m = object.getMetadata();
    return "FleetEvent[" + cluster + " " + type + " " + object.getKind() + " "
        + (m.getNamespace() == null ? "" : m.getNamespace() + "/") + m.getName() + "]";
  }

  /** Whether this is a periodic resync of an unchanged object rather than a real update. */
  public boolean isResync() {
    return type == Type.UPDATED && oldObject != null && Objects.equals(
        oldObject.getMetadata().getResourceVersion(), object.getMetadata().getResourceVersion());
  }
}
