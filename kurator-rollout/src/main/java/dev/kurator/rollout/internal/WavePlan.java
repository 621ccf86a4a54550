package dev.kurator.rollout.internal;

import dev.kurator.core.Problems;
import dev.kurator.rollout.Wave;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Resolves waves against the fleet's clusters (pure). */
public final class WavePlan {

  private WavePlan() {}

  /**
   * The clusters of each wave, in order.
   *
   * @throws dev.kurator.core.ValidationException for unknown or repeated clusters, bad percentages, a rest wave
   *     that is not last, an empty wave, or a cluster left out of every wave
   */
  public static List<List<String>> resolve(List<Wave> waves, List<String> fleet) {
    Problems p = new Problems();
    p.check(waves.isEmpty(), "waves", List.of(), "must list at least one wave");
    Set<String> remaining = new LinkedHashSet<>(fleet);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < waves.size(); i++) {
      String path = "waves[" + i + "]";
      Wave w = waves.get(i);
      List<String> members = new ArrayList<>();
      if (w instanceof Wave.Named n) {
        for (int j = 0; j < n.clusters().size(); j++) {
          String c = n.clusters().get(j);
          if (!fleet.contains(c)) {
            p.add(path + ".clusters[" + j + "]", c, "must name a member of the fleet " + fleet);
          } else if (!remaining.remove(c)) {
            p.add(path + ".clusters[" + j + "]", c, "must not be in an earlier wave");
          } else {
            members.add(c);
          }
        }
      } else if (w instanceof Wave.Percent pc) {
        if (pc.percent() < 1 || pc.percent() > 100) {
          p.add(path + ".percent", pc.percent(), "must be between 1 and 100");
        } else {
          int n = Math.max(1, (int) Math.ceil(fleet.size() * pc.percent() / 100.0));
          for (String c : List.copyOf(remaining)) {
            if (members.size() == n) {
              break;
            }
            members.add(c);
            remaining.remove(c);
          }
        }
      } else {
        p.check(i != waves.size() - 1, path, "rest", "must be the last wave");
        members.addAll(remaining);
        remaining.clear();
      }
      p.check(members.isEmpty() && !(w instanceof Wave.Named nw && nw.clusters().stream().anyMatch(
          c -> !fleet.contains(c))), path, w.toString(), "must select at least one cluster");
      out.add(List.copyOf(members));
    }
    p.check(!remaining.isEmpty(), "waves", remaining.toString(),
        "must place every cluster of the fleet (add Wave.rest() as the last wave)");
    p.throwIfAny();
    return List.copyOf(out);
  }
}
