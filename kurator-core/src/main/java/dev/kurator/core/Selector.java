package dev.kurator.core;

import dev.kurator.core.internal.LabelSelector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which members of a fleet an operation targets: all of them, some by name, or those whose labels match a
 * Kubernetes label selector ({@code region=eu,tier in (gold,silver),!deprecated}).
 */
public interface Selector {

  /**
   * The members of {@code fleet} this selector picks, in fleet order.
   *
   * @throws ValidationException when the selector names a cluster that is not a member
   */
  List<MemberCluster> select(Fleet fleet);

  /** Every member. */
  static Selector all() {
    return new Selector() {
      @Override
      public List<MemberCluster> select(Fleet fleet) {
        return fleet.members();
      }

      @Override
      public String toString() {
        return "all";
      }
    };
  }

  /** The members with these names; every name must be a member of the fleet the selector is used on. */
  static Selector names(String... names) {
    return names(Arrays.asList(names));
  }

  /** The members with these names; every name must be a member of the fleet the selector is used on. */
  static Selector names(List<String> names) {
    Objects.requireNonNull(names, "names");
    Set<String> wanted = new LinkedHashSet<>();
    for (String n : names) {
      wanted.add(Objects.requireNonNull(n, "names[]"));
    }
    return new Selector() {
      @Override
      public List<MemberCluster> select(Fleet fleet) {
        Problems problems = new Problems();
        int i = 0;
        for (String n : wanted) {
          problems.check(fleet.member(n).isEmpty(), "selector.names[" + i + "]", n,
              "is not a member of fleet \"" + fleet.name() + "\" (members: " + fleet.memberNames() + ")");
          i++;
        }
        problems.throwIfAny();
        List<MemberCluster> out = new ArrayList<>();
        for (MemberCluster m : fleet.members()) {
          if (wanted.contains(m.name())) {
            out.add(m);
          }
        }
        return out;
      }

      @Override
      public String toString() {
        return "names" + wanted;
      }
    };
  }

  /**
   * The members whose labels match a Kubernetes label selector: comma-separated requirements {@code k=v},
   * {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}. An empty
   * selector matches every member.
   *
   * @throws ValidationException when the selector does not parse, naming the position and the text
   */
  static Selector labels(String selector) {
    LabelSelector parsed = LabelSelector.parse(selector);
    return new Selector() {
      @Override
      public List<MemberCluster> select(Fleet fleet) {
        return fleet.members().stream().filter(m -> parsed.matches(m.labels())).toList();
      }

      @Override
      public String toString() {
        return "labels(" + selector + ")";
      }
    };
  }
}
