/**
 * Runnable programs that show a host application wiring the SDK together; {@link dev.kurator.examples.FleetDemo}
 * applies a Deployment to an embedded fleet of three clusters and prints a per-cluster table.
 */
package dev.kurator.examples;
