package dev.kurator.placement;

import java.util.List;

/**
 * Weights for {@code Divided}/{@code Weighted} scheduling: a static list, or dynamic weights from available
 * replicas (which then win over the static list).
 *
 * @param staticWeightList static rules, possibly empty
 * @param dynamicWeight    {@code AvailableReplicas} for dynamic weights; null or empty for static
 */
public record WeightPreference(List<StaticClusterWeight> staticWeightList, String dynamicWeight) {
  /** The only dynamic weight factor Karmada defines. */
  public static final String AVAILABLE_REPLICAS = "AvailableReplicas";

  public WeightPreference {
    staticWeightList = staticWeightList == null ? List.of() : List.copyOf(staticWeightList);
    dynamicWeight = dynamicWeight == null ? "" : dynamicWeight;
  }

  /** Dynamic weights by available replicas. */
  public static WeightPreference dynamic() {
    return new WeightPreference(List.of(), AVAILABLE_REPLICAS);
  }

  /** Static weights. */
  public static WeightPreference of(List<StaticClusterWeight> weights) {
    return new WeightPreference(weights, "");
  }
}
