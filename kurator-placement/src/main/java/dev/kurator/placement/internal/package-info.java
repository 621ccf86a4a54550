/** Karmada's scheduling algorithms, restated; no compatibility promise. */
package dev.kurator.placement.internal;
