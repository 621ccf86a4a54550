/**
 * The Fleet API: member clusters, fleet snapshots, fan-out operations with per-cluster results, and the value types
 * that the placement, rollout, telemetry and policy modules share (cluster snapshots, taints, resource summaries,
 * replica assignments).
 */
package dev.kurator.core;
