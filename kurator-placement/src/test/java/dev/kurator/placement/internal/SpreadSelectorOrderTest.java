package dev.kurator.placement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.placement.Placement;
import dev.kurator.placement.ReplicaScheduling;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.spi.ScoredCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Selection by region over name-ordered candidates, where groups are ordered only as far as read, must give the
 * same group scores and the same clusters as grouping a fully sorted list.
 */
class SpreadSelectorOrderTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void partialOrderingSelectsAsFullSort(int seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 40; round++) {
      int regions = 1 + random.nextInt(6);
      int n = 1 + random.nextInt(80);
      List<ScoredCluster> byName = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // few distinct scores and capacities, so that ties (broken by name) are common
        long available = random.nextInt(4) * (1 + random.nextInt(3));
        byName.add(new ScoredCluster(String.format("c-%03d", i), random.nextInt(3) * 50L, available, available,
            random.nextInt(10) == 0 ? 1 : 0, "aws", "r" + random.nextInt(regions), List.of()));
      }
      int minRegions = 1 + random.nextInt(2);
      int maxClusters = 1 + random.nextInt(12);
      ReplicaScheduling rs = random.nextBoolean() ? ReplicaScheduling.dividedDynamic()
          : ReplicaScheduling.duplicated();
      Placement p = Placement.builder()
          .spread(SpreadConstraint.byField(SpreadField.REGION, minRegions, minRegions + random.nextInt(2)))
          .spread(SpreadConstraint.byField(SpreadField.CLUSTER, 1 + random.nextInt(maxClusters), maxClusters))
          .replicaScheduling(rs)
          .build();
      int replicas = 1 + random.nextInt(40);

      SpreadSelector.Grouped full = SpreadSelector.group(byName, p, replicas);
      SpreadSelector.Grouped lazy = SpreadSelector.groupNameOrdered(new ArrayList<>(byName), p, replicas);

      assertThat(scores(lazy.regions())).isEqualTo(scores(full.regions()));
      lazy.regions().forEach((name, g) ->
          assertThat(g.clusters().get(0)).isEqualTo(full.regions().get(name).clusters().get(0)));
      assertThat(names(() -> SpreadSelector.selectBest(p, lazy, replicas)))
          .isEqualTo(names(() -> SpreadSelector.selectBest(p, full, replicas)));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 7, 8, 9, 15})
  void sortPrefixStepByStepEqualsStableSort(int steps) {
    Random random = new Random(steps);
    List<ScoredCluster> list = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      list.add(new ScoredCluster("c" + i, random.nextInt(2), 0, random.nextInt(3), 0, "", "", List.of()));
    }
    Comparator<ScoredCluster> bySiblingKeys = Comparator.comparingLong(ScoredCluster::score)
        .thenComparingLong(ScoredCluster::available);
    List<ScoredCluster> original = List.copyOf(list);
    List<ScoredCluster> sorted = new ArrayList<>(list);
    sorted.sort(bySiblingKeys);
    for (int i = 0; i < steps; i++) {
      SpreadSelector.sortPrefix(list, i, bySiblingKeys);
    }
    assertThat(list.subList(0, steps)).isEqualTo(sorted.subList(0, steps));
    assertThat(list).containsExactlyInAnyOrderElementsOf(sorted);

    if (steps <= 8) {
      List<ScoredCluster> onePass = new ArrayList<>(original);
      assertThat(SpreadSelector.sortTop(onePass, steps, bySiblingKeys)).isEqualTo(steps);
      assertThat(onePass).as("one pass leaves the list as step by step").isEqualTo(list);
    }
  }

  private static Map<String, Long> scores(Map<String, SpreadSelector.Group> groups) {
    Map<String, Long> out = new TreeMap<>();
    groups.forEach((name, g) -> out.put(name, g.score()));
    return out;
  }

  private static Object names(java.util.function.Supplier<List<ScoredCluster>> select) {
    try {
      return select.get().stream().map(ScoredCluster::name).toList();
    } catch (dev.kurator.placement.SchedulingException e) {
      return e.getMessage();
    }
  }
}
