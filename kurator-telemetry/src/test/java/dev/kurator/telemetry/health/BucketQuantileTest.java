package dev.kurator.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.telemetry.health.BucketQuantile.Bucket;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketQuantileTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void matchesPrometheusOnTheCapturedFleetHistogram() {
    // prometheus-api/api/q_histogram_quantile.json: 0.9 quantile, cluster a = 0.5, cluster b = 1.
    List<Bucket> a = List.of(new Bucket(0.05, 3), new Bucket(0.1, 6), new Bucket(0.5, 9), new Bucket(1, 10),
        new Bucket(INF, 10));
    List<Bucket> b = List.of(new Bucket(INF, 10), new Bucket(1, 9), new Bucket(0.5, 6), new Bucket(0.1, 2),
        new Bucket(0.05, 1));
    assertThat(BucketQuantile.quantile(0.9, a)).isEqualTo(0.5);
    assertThat(BucketQuantile.quantile(0.9, b)).isEqualTo(1.0);
    assertThat(BucketQuantile.quantile(0.5, a)).isEqualTo(0.05 + 0.05 * (2.0 / 3));
    assertThat(BucketQuantile.quantile(0.25, a)).isEqualTo(0.05 * (2.5 / 3));
  }

  @Test
  void edgeCasesFollowPromQl() {
    List<Bucket> a = List.of(new Bucket(1, 5), new Bucket(INF, 10));
    assertThat(BucketQuantile.quantile(-0.1, a)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(BucketQuantile.quantile(1.1, a)).isEqualTo(INF);
    assertThat(BucketQuantile.quantile(Double.NaN, a)).isNaN();
    // Rank in the +Inf bucket: the highest finite bound.
    assertThat(BucketQuantile.quantile(0.99, a)).isEqualTo(1.0);
    assertThat(BucketQuantile.quantile(0.5, List.of(new Bucket(1, 5), new Bucket(2, 10)))).isNaN();
    assertThat(BucketQuantile.quantile(0.5, List.of(new Bucket(INF, 10)))).isNaN();
    assertThat(BucketQuantile.quantile(0.5, List.of(new Bucket(1, 0), new Bucket(INF, 0)))).isNaN();
    assertThat(BucketQuantile.quantile(0.1, List.of(new Bucket(-1, 5), new Bucket(INF, 10)))).isEqualTo(-1.0);
    // Equal bounds merge; non-monotonic counts are forced monotonic.
    assertThat(BucketQuantile.quantile(0.5, List.of(new Bucket(1, 2), new Bucket(1, 3), new Bucket(2, 4),
        new Bucket(INF, 10)))).isEqualTo(1.0);
    assertThat(BucketQuantile.quantile(0.5, List.of(new Bucket(1, 6), new Bucket(2, 4), new Bucket(INF, 10))))
        .isEqualTo(5.0 / 6);
  }
}
