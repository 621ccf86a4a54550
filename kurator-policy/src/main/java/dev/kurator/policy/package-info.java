/** Kurator policy. */
package dev.kurator.policy;
