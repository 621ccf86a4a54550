/** Kurator placement. */
package dev.kurator.placement;
