package dev.kurator.placement;

import java.util.Map;
import java.util.Objects;

/**
 * Why one cluster did or did not get the resource.
 *
 * @param cluster           cluster name
 * @param verdict           what happened to it
 * @param plugin            the plugin that filtered it out or failed, empty otherwise
 * @param reason            why it was filtered out, failed, or not selected; empty when selected
 * @param scores            score per score plugin, in registration order (empty when not scored)
 * @param totalScore        sum of {@code scores}
 * @param availableReplicas replicas it can hold (estimate plus replicas already there), -1 when not estimated
 * @param replicas          replicas assigned to it (its share), 0 when not selected
 */
public record ClusterExplanation(String cluster, Verdict verdict, String plugin, String reason,
    Map<String, Long> scores, long totalScore, long availableReplicas, int replicas) {

  /** The outcome for one cluster. */
  public enum Verdict {
    /** The cluster is in the assignment. */
    SELECTED,
    /** The cluster passed the filters but was not chosen (spread constraints, division). */
    NOT_SELECTED,
    /** A filter plugin rejected the cluster. */
    FILTERED,
    /** A plugin threw for this cluster; it was left out. */
    ERROR
  }

  public ClusterExplanation {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(verdict, "verdict");
    plugin = plugin == null ? "" : plugin;
    reason = reason == null ? "" : reason;
    scores = scores == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
  }
}
