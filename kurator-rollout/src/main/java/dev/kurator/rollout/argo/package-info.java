/**
 * Argo Rollouts' semantics as pure functions: the canary step engine ({@code setWeight}, {@code pause},
 * {@code setCanaryScale}, inline and background analysis, promote, promote-full, abort, retry), blue-green, the
 * AnalysisRun assessment (count, interval, failureLimit, inconclusiveLimit, consecutiveErrorLimit,
 * consecutiveSuccessLimit) and the basic canary's replica approximation. They emit the same
 * {@link dev.kurator.rollout.Action}s as the Flagger machine, so the same driver applies them.
 */
package dev.kurator.rollout.argo;
