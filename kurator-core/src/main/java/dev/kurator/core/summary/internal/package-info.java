/** Resource arithmetic in Karmada's units; no compatibility promise. */
package dev.kurator.core.summary.internal;
