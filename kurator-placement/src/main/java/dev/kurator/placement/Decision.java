package dev.kurator.placement;

import dev.kurator.core.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of scheduling one resource: the assignment (empty when scheduling failed, as Karmada patches an empty
 * cluster list) and, per cluster, why it was chosen or not. Immutable.
 */
public final class Decision {

  /** The overall outcome. */
  public enum Status {
    /** An assignment was produced. */
    SCHEDULED,
    /** No cluster passed the filters (Karmada's {@code FitError}). */
    NO_CLUSTER_FIT,
    /** Feasible clusters lack capacity or cannot satisfy the spread constraints. */
    UNSCHEDULABLE,
    /** The request is invalid (e.g. an unsupported strategy). */
    ERROR,
    /** Not placed because another member of its gang could not be placed. */
    GANG_REJECTED
  }

  private final String resource;
  private final Status status;
  private final Assignment assignment;
  private final String affinityName;
  private final String message;
  private final java.util.function.Supplier<List<ClusterExplanation>> source;
  private volatile List<ClusterExplanation> clusters;

  /**
   * @param resource     {@code namespace/name} of the resource
   * @param status       overall outcome
   * @param assignment   the assignment, {@link Assignment#none()} unless scheduled
   * @param affinityName the {@code clusterAffinities} term used (store it as the observed name), empty for none
   * @param message      why scheduling failed, empty on success
   * @param clusters     per-cluster explanations, in snapshot order
   */
  public Decision(String resource, Status status, Assignment assignment, String affinityName, String message,
      List<ClusterExplanation> clusters) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.status = Objects.requireNonNull(status, "status");
    this.assignment = Objects.requireNonNull(assignment, "assignment");
    this.affinityName = affinityName == null ? "" : affinityName;
    this.message = message == null ? "" : message;
    this.clusters = List.copyOf(clusters);
    this.source = null;
  }

  /**
   * A decision whose explanations are built on first use (they cost more than the decision itself on large fleets).
   *
   * @param explanations computes the per-cluster explanations; called at most once
   */
  public static Decision withLazyExplanations(String resource, Status status, Assignment assignment,
      String affinityName, String message, java.util.function.Supplier<List<ClusterExplanation>> explanations) {
    return new Decision(resource, status, assignment, affinityName, message, explanations);
  }

  private Decision(String resource, Status status, Assignment assignment, String affinityName, String message,
      java.util.function.Supplier<List<ClusterExplanation>> source) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.status = Objects.requireNonNull(status, "status");
    this.assignment = Objects.requireNonNull(assignment, "assignment");
    this.affinityName = affinityName == null ? "" : affinityName;
    this.message = message == null ? "" : message;
    this.source = Objects.requireNonNull(source, "explanations");
  }

  /** The same decision with another status and message (and an empty assignment unless scheduled). */
  public Decision withStatus(Status newStatus, String newMessage) {
    return new Decision(resource, newStatus, newStatus == Status.SCHEDULED ? assignment : Assignment.none(),
        affinityName, newMessage, clusters());
  }

  /** {@code namespace/name} of the resource. */
  public String resource() {
    return resource;
  }

  /** The overall outcome. */
  public Status status() {
    return status;
  }

  /** Whether an assignment was produced. */
  public boolean succeeded() {
    return status == Status.SCHEDULED;
  }

  /** The clusters and replicas; empty when scheduling failed. */
  public Assignment assignment() {
    return assignment;
  }

  /** The affinity term used, to keep as {@link BindingState#observedAffinityName()}; empty when none. */
  public String affinityName() {
    return affinityName;
  }

  /** Why scheduling failed, with a reason per cluster when none fit; empty on success. */
  public String message() {
    return message;
  }

  /** Per-cluster explanations, in the order the clusters were given. */
  public List<ClusterExplanation> clusters() {
    List<ClusterExplanation> c = clusters;
    if (c == null) {
      synchronized (this) {
        c = clusters;
        if (c == null) {
          c = List.copyOf(source.get());
          clusters = c;
        }
      }
    }
    return c;
  }

  /** The explanation for {@code cluster}: "why (not) this cluster?". */
  public Optional<ClusterExplanation> explanation(String cluster) {
    for (ClusterExplanation c : clusters()) {
      if (c.cluster().equals(cluster)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Throws when scheduling failed.
   *
   * @throws SchedulingException with {@link #message()}, which names every cluster's reason when none fit
   */
  public Decision throwIfFailed() {
    if (!succeeded()) {
      SchedulingException.Reason r = switch (status) {
        case NO_CLUSTER_FIT -> SchedulingException.Reason.NO_CLUSTER_FIT;
        case UNSCHEDULABLE, GANG_REJECTED -> SchedulingException.Reason.UNSCHEDULABLE;
        default -> SchedulingException.Reason.ERROR;
      };
      throw new SchedulingException(r, resource + ": " + message);
    }
    return this;
  }

  /** A printable table: one row per cluster with verdict, deciding plugin, reason, scores, capacity and share. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    sb.append(resource).append(": ").append(status);
    if (!affinityName.isEmpty()) {
      sb.append(" (affinity term ").append(affinityName).append(')');
    }
    if (!message.isEmpty()) {
      sb.append(" - ").append(message.lines().findFirst().orElse(""));
    }
    sb.append('\n');
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"CLUSTER", "VERDICT", "PLUGIN", "SCORE", "AVAILABLE", "REPLICAS", "REASON"});
    for (ClusterExplanation c : clusters()) {
      String score = c.scores().isEmpty() ? "-" : c.totalScore() + scoreDetail(c);
      rows.add(new String[] {c.cluster(), c.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
          c.plugin().isEmpty() ? "-" : c.plugin(), score,
          c.availableReplicas() < 0 ? "-" : String.valueOf(c.availableReplicas()),
          String.valueOf(c.replicas()), c.reason().isEmpty() ? "-" : c.reason()});
    }
    int[] width = new int[7];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        sb.append(row[i]);
        if (i < row.length - 1) {
          sb.append(" ".repeat(width[i] - row[i].length() + 2));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String scoreDetail(ClusterExplanation c) {
    if (c.scores().size() <= 1) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" (");
    c.scores().forEach((k, v) -> {
      if (v != 0) {
        sb.append(sb.length() > 2 ? " " : "").append(k).append('=').append(v);
      }
    });
    return sb.length() == 2 ? "" : sb.append(')').toString();
  }

  @Override
  public String toString() {
    return "Decision[" + resource + " " + status + " " + assignment.asMap() + "]";
  }
}
