package dev.kurator.core;

/** Told by a {@link FleetRegistry} after each membership change, on the thread that made the change. */
@FunctionalInterface
public interface FleetListener {

  /** Called once per change; an exception thrown here is logged and does not stop other listeners. */
  void onChange(FleetChange change);
}
