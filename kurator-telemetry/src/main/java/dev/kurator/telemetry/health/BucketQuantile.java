package dev.kurator.telemetry.health;

import dev.kurator.telemetry.promql.internal.HistogramQuantile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * PromQL's {@code histogram_quantile} over classic buckets (the PromQL engine's own implementation), so that a
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
    List<HistogramQuantile.Bucket> converted = new ArrayList<>(buckets.size());
    double inf = 0;
    for (Bucket b : buckets) {
      converted.add(new HistogramQuantile.Bucket(b.upperBound(), b.count()));
      inf += b.upperBound() == Double.POSITIVE_INFINITY ? b.count() : 0;
    }
    if (Double.isNaN(inf) && !Double.isNaN(q) && q >= 0 && q <= 1) {
      return Double.NaN; // no usable observation count
    }
    return HistogramQuantile.quantile(q, converted);
  }
}
