/**
 * API discovery of member clusters: which group-versions and kinds each member serves (Karmada's
 * {@code apiEnablements} and {@code CompleteAPIEnablements} condition), read through the fabric8 client's discovery
 * ({@code /api}, {@code /apis} and each group-version's resource list) and cached per member for
 * {@code Fleet.snapshot()}.
 */
package dev.kurator.core.discovery;
