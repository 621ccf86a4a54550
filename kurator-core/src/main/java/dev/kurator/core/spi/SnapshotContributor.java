package dev.kurator.core.spi;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.MemberCluster;

/**
 * Adds what it knows about one member to the {@link ClusterSnapshot} that {@code Fleet.snapshot()} builds, for
 * example the resource summary (from nodes and pods) or the API enablements (from discovery).
 *
 * <p>The fleet calls contributors in registration order, members concurrently. A contributor that throws is logged
 * and skipped for that member; the snapshot keeps what the others contributed.
 */
public interface SnapshotContributor {

  /** A short name for logs, e.g. {@code resource-summary}. */
  String name();

  /**
   * Fills fields of {@code snapshot} for {@code member}; may do I/O through {@code member.client()}.
   *
   * @param member   the member being described
   * @param snapshot the snapshot so far (name, labels, taints, readiness already set)
   */
  void contribute(MemberCluster member, ClusterSnapshot.Builder snapshot);
}
