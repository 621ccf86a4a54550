/** Implementation of the telemetry module: HTTP adapter, fan-out, dedup iterators. No compatibility promise. */
package dev.kurator.telemetry.internal;
