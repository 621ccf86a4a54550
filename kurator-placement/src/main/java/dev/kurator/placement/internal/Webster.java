package dev.kurator.placement.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The Webster (Sainte-Laguë) highest-averages method as Karmada's {@code helper.AllocateWebsterSeats}: each seat goes
 * to the party with the greatest {@code votes / (2 * seats + 1)} (IEEE doubles compared with {@code ==}, as in Go);
 * ties go to the tie-breaker, by default fewer seats then the smaller name.
 */
public final class Webster {

  private Webster() {}

  /** One party: name, votes (weight) and seats (replicas). Mutable only inside an allocation. */
  public static final class Party {
    private final String name;
    private final long votes;
    private long seats;

    public Party(String name, long votes, long seats) {
      this.name = name;
      this.votes = votes;
      this.seats = seats;
    }

    public String name() {
      return name;
    }

    public long votes() {
      return votes;
    }

    public long seats() {
      return seats;
    }

    double priority() {
      return (double) votes / (double) (2 * seats + 1);
    }

    @Override
    public String toString() {
      return name + "(" + votes + "):" + seats;
    }
  }

  /** Decides ties between parties of equal priority: negative when {@code a} should get the seat first. */
  public interface TieBreaker extends Comparator<Party> {}

  /** The default tie rule: fewer seats first, then the lexicographically smaller name. */
  public static final TieBreaker DEFAULT = (a, b) -> {
    if (a.seats != b.seats) {
      return Long.compare(a.seats, b.seats);
    }
    return a.name.compareTo(b.name);
  };

  /**
   * Allocates {@code newSeats} on top of {@code initial}.
   *
   * @param newSeats seats to hand out
   * @param votes    party votes, in any order
   * @param initial  seats already held (parties only here keep 0 votes but stay in the result), may be null
   * @param tie      tie-breaker, null for {@link #DEFAULT}
   * @return every party sorted by name, or null when there are no parties
   */
  public static List<Party> allocate(long newSeats, Map<String, Long> votes, Map<String, Long> initial,
      TieBreaker tie) {
    Map<String, Party> parties = new LinkedHashMap<>();
    if (initial != null) {
      initial.forEach((n, s) -> parties.put(n, new Party(n, 0, s)));
    }
    votes.forEach((n, v) -> {
      Party old = parties.get(n);
      parties.put(n, new Party(n, v, old == null ? 0 : old.seats));
    });
    if (parties.isEmpty()) {
      return null;
    }
    TieBreaker tb = tie == null ? DEFAULT : tie;
    Comparator<Party> best = (a, b) -> {
      double pa = a.priority();
      double pb = b.priority();
      if (pa != pb) {
        return pa > pb ? -1 : 1;
      }
      return tb.compare(a, b);
    };
    List<Party> all = new ArrayList<>(parties.values());
    if (newSeats > 0) {
      if (all.size() <= 8) {
        for (long s = 0; s < newSeats; s++) {
          Party winner = all.get(0);
          for (int i = 1; i < all.size(); i++) {
            if (best.compare(all.get(i), winner) < 0) {
              winner = all.get(i);
            }
          }
          winner.seats++;
        }
      } else {
        PriorityQueue<Party> heap = new PriorityQueue<>(all.size(), best);
        heap.addAll(all);
        for (long s = 0; s < newSeats; s++) {
          Party winner = heap.poll();
          winner.seats++;
          heap.add(winner);
        }
      }
    }
    all.sort(Comparator.comparing(Party::name));
    return all;
  }
}
