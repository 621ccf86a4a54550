/** Kurator telemetry. */
package dev.kurator.telemetry;
