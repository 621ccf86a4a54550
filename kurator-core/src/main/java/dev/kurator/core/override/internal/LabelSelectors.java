package dev.kurator.core.override.internal;

import dev.kurator.core.Problems;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Kubernetes label-selector semantics ({@code matchLabels} and {@code matchExpressions}) over a label map. */
public final class LabelSelectors {

  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private LabelSelectors() {}

  /** Whether {@code labels} satisfy every term of {@code selector}; a null or empty selector matches everything. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return true;
    }
    Map<String, String> safe = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(safe.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (!requirementMatches(r.getKey(), r.getOperator(), r.getValues(), safe)) {
          return false;
        }
      }
    }
    return true;
  }

  /** One requirement ({@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}) against a label map. */
  public static boolean requirementMatches(String key, String operator, List<String> values, Map<String, String> labels) {
    String actual = labels.get(key);
    List<String> vs = values == null ? List.of() : values;
    return switch (operator) {
      case "In" -> actual != null && vs.contains(actual);
      case "NotIn" -> actual == null || !vs.contains(actual);
      case "Exists" -> actual != null;
      case "DoesNotExist" -> actual == null;
      default -> false;
    };
  }

  /** Records every malformed term of {@code selector} under {@code path}. */
  public static void validate(String path, LabelSelector selector, Problems problems) {
    if (selector == null) {
      return;
    }
    if (selector.getMatchLabels() != null) {
      selector.getMatchLabels().forEach((k, v) -> {
        problems.check(k == null || k.isBlank(), path + ".matchLabels", k, "keys must not be blank");
        problems.check(v == null, path + ".matchLabels." + k, null, "must not be null");
      });
    }
    List<LabelSelectorRequirement> exprs = selector.getMatchExpressions();
    if (exprs == null) {
      return;
    }
    for (int i = 0; i < exprs.size(); i++) {
      LabelSelectorRequirement r = exprs.get(i);
      String at = path + ".matchExpressions[" + i + "]";
      validateRequirement(at, r.getKey(), r.getOperator(), r.getValues(), problems);
    }
  }

  /** Records the problems of one requirement (blank key, unknown operator, values where none belong or missing). */
  public static void validateRequirement(String at, String key, String operator, List<String> values,
      Problems problems) {
    problems.check(key == null || key.isBlank(), at + ".key", key, "must not be blank");
    if (!OPERATORS.contains(operator)) {
      problems.add(at + ".operator", operator, "must be one of In, NotIn, Exists, DoesNotExist");
      return;
    }
    boolean hasValues = values != null && !values.isEmpty();
    boolean needsValues = operator.equals("In") || operator.equals("NotIn");
    problems.check(needsValues && !hasValues, at + ".values", values, "must not be empty for operator " + operator);
    problems.check(!needsValues && hasValues, at + ".values", values, "must be empty for operator " + operator);
  }
}
