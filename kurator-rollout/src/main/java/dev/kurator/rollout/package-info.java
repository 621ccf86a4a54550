/** Kurator rollout. */
package dev.kurator.rollout;
