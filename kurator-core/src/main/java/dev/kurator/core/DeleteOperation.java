package dev.kurator.core;

import dev.kurator.core.spi.AdmissionGate;

/**
 * A fan-out delete, optionally reviewed by admission gates first.
 *
 * @param <T> the resource type
 */
public interface DeleteOperation<T> extends FleetOperation<T> {

  /**
   * Adds an admission gate: every (cluster, resource) deletion of an object that exists is reviewed (operation
   * {@code DELETE}, the live object as both object and old object) before anything is deleted; if any gate denies
   * any of them, nothing is deleted anywhere. Gates run in the order added.
   */
  DeleteOperation<T> through(AdmissionGate gate);
}
