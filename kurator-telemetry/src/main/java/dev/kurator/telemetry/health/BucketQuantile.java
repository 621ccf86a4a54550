package dev.kurator.telemetry.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * PromQL's {@code histogram_quantile} over classic buckets ({@code promql/quantile.go bucketQuantile}), so that a
 * quantile can be computed from buckets summed across clusters (the only correct way to get a fleet-wide quantile:
 * quantiles themselves do not aggregate).
 */
public final class BucketQuantile {

  private BucketQuantile() {
  }

  /**
   * One cumulative bucket.
   *
   * @param upperBound the {@code le} bound (may be {@code +Inf})
   * @param count      observations at or below the bound
   */
  public record Bucket(double upperBound, double count) {
  }

  /**
   * The {@code q}-quantile of cumulative buckets, interpolated linearly within the bucket holding the rank; the lowest
   * bucket's lower bound is 0 (or its own bound when that is not positive). NaN when there is no {@code +Inf} bucket,
   * fewer than 2 buckets or no observation; {@code -Inf} for {@code q < 0}, {@code +Inf} for {@code q > 1}.
   *
   * @param q       the quantile, 0..1
   * @param buckets in any order; equal bounds are merged, counts forced monotonic
   */
  public static double quantile(double q, List<Bucket> buckets) {
    Objects.requireNonNull(buckets, "buckets");
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    List<Bucket> sorted = new ArrayList<>(buckets);
    sorted.sort(Comparator.comparingDouble(Bucket::upperBound));
    if (sorted.isEmpty() || sorted.get(sorted.size() - 1).upperBound() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    List<Bucket> merged = new ArrayList<>();
    for (Bucket b : sorted) {
      int last = merged.size() - 1;
      if (last >= 0 && merged.get(last).upperBound() == b.upperBound()) {
        merged.set(last, new Bucket(b.upperBound(), merged.get(last).count() + b.count()));
      } else {
        merged.add(b);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < merged.size(); i++) {
      Bucket b = merged.get(i);
      if (b.count() < max) {
        merged.set(i, new Bucket(b.upperBound(), max));
      } else {
        max = b.count();
      }
    }
    if (merged.size() < 2) {
      return Double.NaN;
    }
    double observations = merged.get(merged.size() - 1).count();
    if (observations == 0 || Double.isNaN(observations)) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < merged.size() - 1 && merged.get(b).count() < rank) {
      b++;
    }
    if (b == merged.size() - 1) {
      return merged.get(merged.size() - 2).upperBound();
    }
    if (b == 0 && merged.get(0).upperBound() <= 0) {
      return merged.get(0).upperBound();
    }
    double start = 0;
    double end = merged.get(b).upperBound();
    double count = merged.get(b).count();
    if (b > 0) {
      start = merged.get(b - 1).upperBound();
      count -= merged.get(b - 1).count();
      rank -= merged.get(b - 1).count();
    }
    return start + (end - start) * (rank / count);
  }
}
