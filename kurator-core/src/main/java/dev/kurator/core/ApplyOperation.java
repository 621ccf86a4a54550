package dev.kurator.core;

import dev.kurator.core.spi.AdmissionGate;

/**
 * A fan-out create-or-update, optionally reviewed by admission gates first.
 *
 * @param <T> the resource type
 */
public interface ApplyOperation<T> extends FleetOperation<T> {

  /**
   * Adds an admission gate: every (cluster, resource) variant is reviewed before anything is written; if any gate
   * denies any variant, nothing is written to any cluster. Gates run in the order added, each seeing the previous
   * one's mutation.
   */
  ApplyOperation<T> through(AdmissionGate gate);
}
