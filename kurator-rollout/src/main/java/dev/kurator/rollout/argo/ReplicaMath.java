package dev.kurator.rollout.argo;

/**
 * Replica arithmetic of Argo's basic canary ({@code utils/replicaset/canary.go}): without a traffic router the
 * weight is approximated by pod counts.
 */
public final class ReplicaMath {

  private ReplicaMath() {}

  /**
   * The canary and stable replica counts that best approximate {@code weight} percent of {@code replicas}: ceil and
   * floor over totals of {@code replicas} and (with surge) {@code replicas + 1}, smallest error first-wins; zero canary
   * pods only for weight 0 or 100, or one replica without surge.
   *
   * @return {@code {canary, stable}}
   */
  public static int[] approximate(int replicas, int weight, int maxSurge) {
    if (replicas <= 0) {
      return new int[] {0, 0};
    }
    boolean zeroAllowed = weight == 0 || weight == 100 || (replicas == 1 && maxSurge == 0);
    int bestCanary = -1;
    int bestTotal = -1;
    double bestDelta = Double.MAX_VALUE;
    int[] totals = maxSurge > 0 ? new int[] {replicas, replicas + 1} : new int[] {replicas};
    for (int total : totals) {
      int ceil = (int) Math.ceil(total * weight / 100.0);
      int floor = (int) Math.floor(total * weight / 100.0);
      int[][] options = {{ceil, ceil < total || zeroAllowed ? 1 : 0},
          {floor, floor != ceil && (floor != 0 || zeroAllowed) ? 1 : 0}};
      for (int[] o : options) {
        if (o[1] == 0) {
          continue;
        }
        double delta = Math.abs(weight - 100.0 * o[0] / total);
        if (delta < bestDelta) {
          bestDelta = delta;
          bestCanary = o[0];
          bestTotal = total;
        }
      }
    }
    if (bestCanary < 0) {
      return new int[] {0, replicas};
    }
    return new int[] {bestCanary, bestTotal - bestCanary};
  }

  /** Canary replicas under a traffic router: {@code ceil(replicas * weight / 100)}. */
  public static int routedCanaryReplicas(int replicas, int weight) {
    return (int) Math.ceil(replicas * weight / 100.0);
  }
}
