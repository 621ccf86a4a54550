package dev.kurator.telemetry.promql.conformance;

import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.SeriesSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * In-memory storage for test scripts: one or more stores, each serving only its own time range (Thanos's
 * {@code store} command); a query reads all stores merged, one sample per timestamp.
 */
final class ScriptStorage implements SeriesSource {

  private static final class Store {
    final long minT;
    final long maxT;
    final Map<Labels, TreeMap<Long, Double>> floats = new TreeMap<>();
    final Map<Labels, TreeSet<Long>> histograms = new TreeMap<>();

    Store(long minT, long maxT) {
      this.minT = minT;
      this.maxT = maxT;
    }
  }

  private final List<Store> stores = new ArrayList<>();

  ScriptStorage() {
    clear();
  }

  void clear() {
    stores.clear();
    stores.add(new Store(Long.MIN_VALUE, Long.MAX_VALUE));
  }

  /** Subsequent loads go into a new store serving only {@code [minT, maxT]}. */
  void newStore(long minT, long maxT) {
    if (stores.size() == 1 && isEmpty(stores.get(0)) && stores.get(0).minT == Long.MIN_VALUE) {
      stores.clear();
    }
    stores.add(new Store(minT, maxT));
  }

  private static boolean isEmpty(Store s) {
    return s.floats.isEmpty() && s.histograms.isEmpty();
  }

  private Store current() {
    return stores.get(stores.size() - 1);
  }

  void addFloat(Labels labels, long t, double v) {
    current().floats.computeIfAbsent(labels, k -> new TreeMap<>()).put(t, v);
  }

  void addHistogram(Labels labels, long t) {
    current().histograms.computeIfAbsent(labels, k -> new TreeSet<>()).add(t);
  }

  @Override
  public List<Series> select(long minTimeMs, long maxTimeMs, List<Matcher> matchers) {
    TreeMap<Labels, TreeMap<Long, Double>> floats = new TreeMap<>();
    TreeMap<Labels, TreeSet<Long>> hists = new TreeMap<>();
    for (Store s : stores) {
      for (Map.Entry<Labels, TreeMap<Long, Double>> e : s.floats.entrySet()) {
        if (matchesAll(e.getKey(), matchers)) {
          TreeMap<Long, Double> into = floats.computeIfAbsent(e.getKey(), k -> new TreeMap<>());
          e.getValue().subMap(s.minT, true, s.maxT, true).forEach(into::putIfAbsent);
        }
      }
      for (Map.Entry<Labels, TreeSet<Long>> e : s.histograms.entrySet()) {
        if (matchesAll(e.getKey(), matchers)) {
          hists.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).addAll(e.getValue().subSet(s.minT, true, s.maxT,
              true));
        }
      }
    }
    TreeSet<Labels> all = new TreeSet<>(floats.keySet());
    all.addAll(hists.keySet());
    List<Series> out = new ArrayList<>();
    for (Labels l : all) {
      TreeMap<Long, Double> f = floats.getOrDefault(l, new TreeMap<>());
      TreeSet<Long> h = hists.getOrDefault(l, new TreeSet<>());
      f.keySet().removeAll(h);
      long[] ts = new long[f.size()];
      double[] vs = new double[f.size()];
      int i = 0;
      for (Map.Entry<Long, Double> e : f.entrySet()) {
        ts[i] = e.getKey();
        vs[i] = e.getValue();
        i++;
      }
      out.add(Series.of(l, ts, vs, h.stream().mapToLong(Long::longValue).toArray()));
    }
    return out;
  }

  private static boolean matchesAll(Labels l, List<Matcher> ms) {
    for (Matcher m : ms) {
      if (!m.matches(l)) {
        return false;
      }
    }
    return true;
  }
}
