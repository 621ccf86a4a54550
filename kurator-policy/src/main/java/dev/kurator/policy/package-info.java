/**
 * A Kyverno-compatible policy engine: load {@code ClusterPolicy}, {@code Policy}, {@code PolicyException} and
 * {@code ValidatingAdmissionPolicy} YAML with {@link dev.kurator.policy.ClusterPolicies}, evaluate resources with
 * {@link dev.kurator.policy.PolicyEngine} (pure: policy, resource and request context in, verdicts out), and gate or
 * audit a fleet with {@link dev.kurator.policy.AdmissionGate} and {@link dev.kurator.policy.FleetPolicyReport}.
 */
package dev.kurator.policy;
