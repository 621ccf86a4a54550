package dev.kurator.placement.internal;

import dev.kurator.core.TargetCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karmada's replica dispenser ({@code pkg/util/helper/binding.go}, v1.16+): Webster division seeded by the resource
 * UID so that equal-weight remainders spread "randomly but stably" per workload.
 */
public final class Dispenser {

  private Dispenser() {}

  /** FNV-1a 32-bit hash of the UTF-8 bytes of {@code s}, as an unsigned value. */
  public static long fnv1a32(String s) {
    int h = 0x811c9dc5;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x01000193;
    }
    return h & 0xffffffffL;
  }

  /** The tie-breaker for {@code uid}: fewer seats first, then names ascending (even hash, or empty uid) or descending. */
  public static Webster.TieBreaker tieBreakerByUid(String uid) {
    boolean descending = uid != null && !uid.isEmpty() && (fnv1a32(uid) & 1) == 1;
    return (a, b) -> {
      if (a.seats() != b.seats()) {
        return Long.compare(a.seats(), b.seats());
      }
      int c = a.name().compareTo(b.name());
      return descending ? -c : c;
    };
  }

  /**
   * {@code Dispenser.AllocateByWeight}: adds {@code n} replicas on top of {@code init} by weight.
   *
   * @param init    replicas already held, may be null
   * @param weights cluster weights, in order
   */
  public static List<TargetCluster> allocateByWeight(int n, List<TargetCluster> init, Map<String, Long> weights,
      String uid) {
    List<TargetCluster> initial = init == null ? List.of() : init;
    if (n == 0 && !initial.isEmpty()) {
      return initial;
    }
    long sum = 0;
    for (long w : weights.values()) {
      sum += w;
    }
    if (sum == 0) {
      return initial;
    }
    Map<String, Long> initMap = null;
    if (init != null) {
      initMap = new LinkedHashMap<>();
      for (TargetCluster t : init) {
        initMap.put(t.name(), (long) t.replicas());
      }
    }
    List<Webster.Party> parties = Webster.allocate(n, weights, initMap, tieBreakerByUid(uid));
    List<TargetCluster> out = new ArrayList<>();
    if (parties != null) {
      for (Webster.Party p : parties) {
        out.add(new TargetCluster(p.name(), (int) p.seats()));
      }
    }
    return out;
  }

  /** {@code helper.SpreadReplicasByTargetClusters}: the clusters' replica fields are the weights. */
  public static List<TargetCluster> spreadByTargetClusters(int n, List<TargetCluster> weights,
      List<TargetCluster> init, String uid) {
    Map<String, Long> w = new LinkedHashMap<>();
    for (TargetCluster t : weights) {
      w.put(t.name(), (long) t.replicas());
    }
    return allocateByWeight(n, init, w, uid);
  }

  /** Weighted spread where weights may exceed int range (capacities as {@code long}). */
  public static List<TargetCluster> spreadByWeights(int n, Map<String, Long> weights, String uid) {
    return allocateByWeight(n, null, weights, uid);
  }
}
