/**
 * Implementation of the policy engine: pattern matching with anchors, conditions and operators, variable
 * substitution over a strict-missing-key JMESPath, auto-generated Pod-controller rules, strategic-merge and JSON
 * patches, generation, and CEL. No compatibility promise.
 */
package dev.kurator.policy.internal;
