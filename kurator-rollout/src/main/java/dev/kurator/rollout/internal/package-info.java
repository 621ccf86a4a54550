/** Readers, adapters (fabric8, HTTP) and helpers behind the rollout API; no compatibility promise. */
package dev.kurator.rollout.internal;
