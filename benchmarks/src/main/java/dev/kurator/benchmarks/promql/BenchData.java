package dev.kurator.benchmarks.promql;

import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.SeriesSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic benchmark data: counters {@code x_total{job, instance}} and classic histograms
 * {@code b_bucket{job, instance, le}}, one sample every 15 s for 10 minutes, starting on a 2 h block boundary.
 */
final class BenchData {
  /** First sample (s), a 2 h boundary far in the past so that promtool writes whole blocks. */
  static final long T0 = 1_700_006_400L;
  static final int STEP_S = 15;
  static final int POINTS = 41;
  /** Query time (ms): 7 s off the sample grid, so no sample lies on a window boundary. */
  static final long QUERY_T = (T0 + (long) STEP_S * (POINTS - 1) - 8) * 1000;
  static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};

  private final List<Series> series = new ArrayList<>();

  private BenchData() {}

  /**
   * Builds {@code counters} counter series and {@code histogramSeries} bucket series (10 buckets per histogram), spread
   * over 20 jobs; {@code clusterPrefix} (may be empty) is added as a label when not empty.
   */
  static BenchData generate(int counters, int histogramSeries, String cluster, long seed) {
    BenchData d = new BenchData();
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < counters; i++) {
      Labels l = labels("x_total", cluster, "job", "job-" + (i % 20), "instance", "i-" + i);
      d.series.add(counter(l, rnd.nextInt(1, 50), rnd));
    }
    int histograms = histogramSeries / LE.length;
    for (int h = 0; h < histograms; h++) {
      double[] share = new double[LE.length];
      double acc = 0;
      for (int b = 0; b < LE.length; b++) {
        acc += rnd.nextDouble() * (b < LE.length - 1 ? 1 : 0.2);
        share[b] = acc;
      }
      int rate = rnd.nextInt(10, 200);
      for (int b = 0; b < LE.length; b++) {
        Labels l = labels("b_bucket", cluster, "job", "job-" + (h % 20), "instance", "i-" + h, "le", LE[b]);
        long[] ts = new long[POINTS];
        double[] vs = new double[POINTS];
        for (int k = 0; k < POINTS; k++) {
          ts[k] = (T0 + (long) STEP_S * k) * 1000;
          vs[k] = Math.floor(rate * k * share[b] / share[LE.length - 1]);
        }
        d.series.add(Series.of(l, ts, vs));
      }
    }
    return d;
  }

  private static Labels labels(String name, String cluster, String... rest) {
    List<String> kv = new ArrayList<>(List.of("__name__", name));
    kv.addAll(List.of(rest));
    if (!cluster.isEmpty()) {
      kv.add("cluster");
      kv.add(cluster);
    }
    return Labels.of(kv.toArray(new String[0]));
  }

  private static Series counter(Labels l, int perStep, SplittableRandom rnd) {
    long[] ts = new long[POINTS];
    double[] vs = new double[POINTS];
    double v = 0;
    for (int k = 0; k < POINTS; k++) {
      ts[k] = (T0 + (long) STEP_S * k) * 1000;
      v += perStep + rnd.nextInt(0, 5);
      vs[k] = v;
    }
    return Series.of(l, ts, vs);
  }

  List<Series> series() {
    return series;
  }

  /** Total samples. */
  long samples() {
    return (long) series.size() * POINTS;
  }

  /** An in-memory source (linear scan over the series; selection cost is part of the measurement). */
  SeriesSource source() {
    return (min, max, matchers) -> {
      List<Series> out = new ArrayList<>();
      for (Series s : series) {
        boolean ok = true;
        for (Matcher m : matchers) {
          if (!m.matches(s.labels())) {
            ok = false;
            break;
          }
        }
        if (ok) {
          out.add(s);
        }
      }
      return out;
    };
  }

  /** Writes the data as OpenMetrics text (for promtool's backfill). */
  void writeOpenMetrics(Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (Series s : series) {
        StringBuilder name = new StringBuilder(s.labels().metricName()).append('{');
        boolean first = true;
        for (int i = 0; i < s.labels().size(); i++) {
          if (s.labels().name(i).equals(Labels.METRIC_NAME)) {
            continue;
          }
          if (!first) {
            name.append(',');
          }
          first = false;
          name.append(s.labels().name(i)).append("=\"").append(s.labels().value(i)).append('"');
        }
        name.append("} ");
        for (int k = 0; k < s.size(); k++) {
          w.write(name.toString());
          w.write(Long.toString((long) s.valueAt(k)));
          w.write(' ');
          w.write(Long.toString(s.timestampAt(k) / 1000));
          w.write('\n');
        }
      }
      w.write("# EOF\n");
    }
  }
}
