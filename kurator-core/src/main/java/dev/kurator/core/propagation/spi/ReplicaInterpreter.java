package dev.kurator.core.propagation.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalInt;

/**
 * Knows where a kind keeps its replica count, as Karmada's resource interpreter ({@code GetReplicas} /
 * {@code ReviseReplica}). Propagation uses it to write each cluster's share of a divided workload. Built in:
 * Deployment, StatefulSet, ReplicaSet ({@code spec.replicas}) and Job ({@code spec.parallelism}); register one for a
 * custom kind with {@code ReplicaInterpreters.defaults().with(...)}.
 *
 * <p>Implementations must be stateless and thread-safe. A throwing interpreter fails that template on every cluster
 * (reported per cluster), never the propagation of other templates.
 */
public interface ReplicaInterpreter {

  /** A unique name, e.g. {@code Deployment}. */
  String name();

  /**
   * Whether this interpreter handles the kind.
   *
   * @param group API group, empty for the core group (e.g. {@code apps}, {@code batch}, {@code example.com})
   * @param kind  kind, e.g. {@code Deployment}
   */
  boolean handles(String group, String kind);

  /** The replica count the object asks for, empty when it has none. */
  OptionalInt replicas(ObjectNode object);

  /** Writes {@code replicas} into {@code object} (a private copy the caller owns). */
  void reviseReplicas(ObjectNode object, int replicas);
}
