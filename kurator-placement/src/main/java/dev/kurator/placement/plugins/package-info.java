/**
 * The in-tree plugins: Karmada's filters ({@code ClusterAffinity}, {@code TaintToleration}, {@code APIEnablement},
 * {@code SpreadConstraint}, {@code ClusterEviction}), its {@code ClusterLocality} score and general estimator, and
 * the SDK's own {@code ComplianceZone} filter and cost- and carbon-aware scores.
 */
package dev.kurator.placement.plugins;
