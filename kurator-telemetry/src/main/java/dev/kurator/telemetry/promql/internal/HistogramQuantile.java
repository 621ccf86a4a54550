package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.internal.Evaluator.Sample;
import dev.kurator.telemetry.promql.internal.Evaluator.Val;
import dev.kurator.telemetry.promql.internal.Evaluator.Vec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * histogram_quantile over classic {@code le} buckets (Prometheus {@code promql/quantile.go}). The engine's functions use
 * it, and so do the health helpers ({@link #quantile(double, List)}).
 */
public final class HistogramQuantile {
  private HistogramQuantile() {}

  private static final double SMALL_DELTA_TOLERANCE = 1e-12;

  /** One cumulative bucket: observations at or below {@code upperBound} (the {@code le} bound, may be +Inf). */
  public record Bucket(double upperBound, double count) {}

  /**
   * The {@code q}-quantile of cumulative buckets in any order, exactly as PromQL's {@code histogram_quantile} (equal
   * bounds merged, counts forced monotonic); NaN for no buckets.
   */
  public static double quantile(double q, List<Bucket> buckets) {
    return bucketQuantile(q, buckets, new boolean[1]);
  }

  static Val eval(Evaluator ev, double q, List<Sample> in) {
    if (Double.isNaN(q) || q < 0 || q > 1) {
      ev.warn("quantile value should be between 0 and 1, got " + GoMath.formatG(q));
    }
    return perHistogram(ev, in, (buckets, forced) -> bucketQuantile(q, buckets, forced));
  }

  /** histogram_fraction(lower, upper, classic buckets). */
  static Val fraction(Evaluator ev, double lower, double upper, List<Sample> in) {
    return perHistogram(ev, in, (buckets, forced) -> bucketFraction(lower, upper, buckets));
  }

  private interface BucketFn {
    double apply(List<Bucket> buckets, boolean[] forced);
  }

  private static Val perHistogram(Evaluator ev, List<Sample> in, BucketFn fn) {
    Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
    Map<Labels, Labels> outLabels = new LinkedHashMap<>();
    for (Sample s : in) {
      String le = s.labels().get("le");
      double ub;
      try {
        ub = parseGoFloat(le);
      } catch (NumberFormatException e) {
        ev.warn("bucket label \"le\" is missing or has a malformed value of \"" + le + "\" for metric name \""
            + s.labels().metricName() + "\"");
        continue;
      }
      Labels key = s.labels().without(List.of("le"));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(ub, s.v()));
      outLabels.putIfAbsent(key, key);
    }
    List<Sample> out = new ArrayList<>();
    for (Map.Entry<Labels, List<Bucket>> e : groups.entrySet()) {
      boolean[] forced = new boolean[1];
      double v = fn.apply(e.getValue(), forced);
      if (forced[0]) {
        ev.info("input to histogram_quantile needed to be fixed for monotonicity (see "
            + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \""
            + e.getKey().metricName() + "\"");
      }
      out.add(new Sample(e.getKey(), v, true));
    }
    return new Vec(out);
  }

  static double parseGoFloat(String s) {
    String t = s.trim();
    if (!t.equals(s) || s.isEmpty()) {
      throw new NumberFormatException(s);
    }
    switch (t.toLowerCase(java.util.Locale.ROOT)) {
      case "+inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan" -> {
        return Double.NaN;
      }
      default -> {
        if (t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")) {
          throw new NumberFormatException(s);
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
          return Long.parseLong(t.substring(2), 16);
        }
        return Double.parseDouble(t.replace("_", ""));
      }
    }
  }

  static double bucketFraction(double lower, double upper, List<Bucket> in) {
    List<Bucket> buckets = new ArrayList<>(in);
    buckets.sort((a, b) -> Aggregations.cmp(a.upperBound(), b.upperBound()));
    if (buckets.isEmpty() || buckets.get(buckets.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    List<Bucket> co = coalesce(buckets);
    double count = co.get(co.size() - 1).count();
    if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
      return Double.NaN;
    }
    if (lower >= upper) {
      return 0;
    }
    double rank = 0;
    double lowerRank = 0;
    double upperRank = 0;
    boolean lowerSet = false;
    boolean upperSet = false;
    for (int i = 0; i < co.size(); i++) {
      Bucket b = co.get(i);
      double ub = b.upperBound();
      double lb = i > 0 ? co.get(i - 1).upperBound() : (ub > 0 ? 0 : Double.NEGATIVE_INFINITY);
      if (!lowerSet && lb >= lower) {
        lowerRank = rank;
        lowerSet = true;
      }
      if (!upperSet && lb >= upper) {
        upperRank = rank;
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      if (!lowerSet && lb < lower && ub > lower) {
        lowerRank = interpolate(rank, b.count(), lb, ub, lower);
        lowerSet = true;
      }
      if (!upperSet && lb < upper && ub > upper) {
        upperRank = interpolate(rank, b.count(), lb, ub, upper);
        upperSet = true;
      }
      if (lowerSet && upperSet) {
        break;
      }
      rank = b.count();
    }
    if (!lowerSet || lowerRank > count) {
      lowerRank = count;
    }
    if (!upperSet || upperRank > count) {
      upperRank = count;
    }
    return (upperRank - lowerRank) / count;
  }

  private static double interpolate(double rank, double count, double lb, double ub, double v) {
    if (Double.isInfinite(lb) || Double.isInfinite(ub)) {
      return rank;
    }
    return rank + (count - rank) * (v - lb) / (ub - lb);
  }

  private static List<Bucket> coalesce(List<Bucket> sorted) {
    List<Bucket> co = new ArrayList<>();
    Bucket last = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Bucket b = sorted.get(i);
      if (b.upperBound() == last.upperBound()) {
        last = new Bucket(last.upperBound(), last.count() + b.count());
      } else {
        co.add(last);
        last = b;
      }
    }
    co.add(last);
    return co;
  }

  static double bucketQuantile(double q, List<Bucket> in, boolean[] forced) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> buckets = new ArrayList<>(in);
    buckets.sort((a, b) -> Aggregations.cmp(a.upperBound(), b.upperBound()));
    if (buckets.isEmpty() || !(buckets.get(buckets.size() - 1).upperBound() == Double.POSITIVE_INFINITY)) {
      return Double.NaN;
    }
    List<Bucket> co = coalesce(buckets);
    double[] counts = new double[co.size()];
    double[] bounds = new double[co.size()];
    for (int i = 0; i < co.size(); i++) {
      counts[i] = co.get(i).count();
      bounds[i] = co.get(i).upperBound();
    }
    double prev = counts[0];
    for (int i = 1; i < counts.length; i++) {
      double curr = counts[i];
      if (curr == prev) {
        continue;
      }
      if (GoMath.almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
        counts[i] = prev;
        continue;
      }
      if (curr < prev) {
        counts[i] = prev;
        forced[0] = true;
        continue;
      }
      prev = curr;
    }
    if (counts.length < 2) {
      return Double.NaN;
    }
    double observations = counts[counts.length - 1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < counts.length - 1 && !(counts[b] >= rank)) {
      b++;
    }
    if (b == counts.length - 1) {
      return bounds[counts.length - 2];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double bucketStart = 0;
    double bucketEnd = bounds[b];
    double count = counts[b];
    if (b > 0) {
      bucketStart = bounds[b - 1];
      count -= counts[b - 1];
      rank -= counts[b - 1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }
}
