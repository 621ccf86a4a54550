/**
 * Per-cluster variants of resources with Karmada's {@code OverridePolicy} / {@code ClusterOverridePolicy} semantics:
 * image, command, args, labels, annotations and plaintext (JSON patch) overriders, selected by resource selectors and
 * target clusters, applied in Karmada's order. {@link dev.kurator.core.override.OverridePolicies} reads Karmada YAML;
 * {@link dev.kurator.core.override.Overrides#apply} is a pure function from template and cluster to variant.
 */
package dev.kurator.core.override;
