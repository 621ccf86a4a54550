/**
 * What plugin authors implement to extend propagation: {@link dev.kurator.core.propagation.spi.ReplicaInterpreter}
 * for the replica count of custom workload kinds.
 */
package dev.kurator.core.propagation.spi;
