package dev.kurator.placement.spi;

/**
 * Anything the scheduler can register: filters, scores, estimators and division strategies. Names are unique in a
 * scheduler and are how a plugin is enabled or disabled.
 */
public interface SchedulerPlugin {

  /** The unique plugin name, e.g. {@code TaintToleration}. */
  String name();
}
