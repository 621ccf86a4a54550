package dev.kurator.placement.internal;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.ClusterAffinity;
import dev.kurator.placement.LabelSelector;
import dev.kurator.placement.SelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Karmada's cluster-matching predicate ({@code util.ClusterMatches}) and the selector evaluation it relies on. */
public final class ClusterMatcher {

  private ClusterMatcher() {}

  /** Whether {@code cluster} matches {@code affinity}; see Karmada's {@code util.ClusterMatches}. */
  public static boolean matches(ClusterSnapshot cluster, ClusterAffinity affinity) {
    return matches(cluster.name(), cluster.labels(), cluster.provider(), cluster.region(), cluster.zones(), affinity);
  }

  /** Field-wise form of {@link #matches(ClusterSnapshot, ClusterAffinity)}. */
  public static boolean matches(String name, Map<String, String> labels, String provider, String region,
      List<String> zones, ClusterAffinity affinity) {
    if (affinity.exclude().contains(name)) {
      return false;
    }
    if (affinity.labelSelector() != null && !labelSelectorMatches(affinity.labelSelector(), labels)) {
      return false;
    }
    if (affinity.fieldSelector() != null) {
      List<SelectorRequirement> fieldExprs = new ArrayList<>();
      for (SelectorRequirement r : affinity.fieldSelector().matchExpressions()) {
        if (r.key().equals("zone")) {
          if (!matchZones(r, zones)) {
            return false;
          }
        } else {
          fieldExprs.add(r);
        }
      }
      for (SelectorRequirement r : fieldExprs) {
        if (!validNodeSelectorRequirement(r)) {
          return false;
        }
      }
      for (SelectorRequirement r : fieldExprs) {
        String value = switch (r.key()) {
          case "provider" -> provider == null || provider.isEmpty() ? null : provider;
          case "region" -> region == null || region.isEmpty() ? null : region;
          default -> null;
        };
        if (!nodeRequirementMatches(r, value)) {
          return false;
        }
      }
    }
    return affinity.clusterNames().isEmpty() || affinity.clusterNames().contains(name);
  }

  /** Karmada's {@code matchZones}: a zone requirement against a cluster's zone list. */
  public static boolean matchZones(SelectorRequirement r, List<String> zones) {
    boolean empty = zones == null || zones.isEmpty();
    switch (r.operator()) {
      case "In":
        if (empty) {
          return false;
        }
        for (String z : zones) {
          if (r.values().contains(z)) {
            return true;
          }
        }
        return false;
      case "NotIn":
        if (empty) {
          return true;
        }
        for (String z : zones) {
          if (r.values().contains(z)) {
            return false;
          }
        }
        return true;
      case "Exists":
        return !empty;
      case "DoesNotExist":
        return empty;
      default:
        return false;
    }
  }

  /** Standard Kubernetes label-selector semantics; an invalid selector matches nothing. */
  public static boolean labelSelectorMatches(LabelSelector selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
      if (!validLabelKey(e.getKey())) {
        return false;
      }
    }
    for (SelectorRequirement r : selector.matchExpressions()) {
      if (!validLabelKey(r.key())) {
        return false;
      }
      switch (r.operator()) {
        case "In", "NotIn" -> {
          if (r.values().isEmpty()) {
            return false;
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!r.values().isEmpty()) {
            return false;
          }
        }
        default -> {
          return false;
        }
      }
    }
    for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (SelectorRequirement r : selector.matchExpressions()) {
      String v = labels.get(r.key());
      boolean ok = switch (r.operator()) {
        case "In" -> v != null && r.values().contains(v);
        case "NotIn" -> v == null || !r.values().contains(v);
        case "Exists" -> v != null;
        default -> v == null;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean validLabelKey(String key) {
    if (key == null || key.isEmpty()) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    String prefix = slash < 0 ? null : key.substring(0, slash);
    if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !prefix.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"))) {
      return false;
    }
    return !name.isEmpty() && name.length() <= 63 && name.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  }

  private static boolean validNodeSelectorRequirement(SelectorRequirement r) {
    if (!validLabelKey(r.key())) {
      return false;
    }
    return switch (r.operator()) {
      case "In", "NotIn" -> !r.values().isEmpty();
      case "Exists", "DoesNotExist" -> r.values().isEmpty();
      case "Gt", "Lt" -> r.values().size() == 1 && isInteger(r.values().get(0));
      default -> false;
    };
  }

  private static boolean isInteger(String s) {
    try {
      Long.parseLong(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean nodeRequirementMatches(SelectorRequirement r, String value) {
    return switch (r.operator()) {
      case "In" -> value != null && r.values().contains(value);
      case "NotIn" -> value == null || !r.values().contains(value);
      case "Exists" -> value != null;
      case "DoesNotExist" -> value == null;
      case "Gt", "Lt" -> {
        if (value == null || !isInteger(value)) {
          yield false;
        }
        long have = Long.parseLong(value);
        long want = Long.parseLong(r.values().get(0));
        yield r.operator().equals("Gt") ? have > want : have < want;
      }
      default -> false;
    };
  }
}
