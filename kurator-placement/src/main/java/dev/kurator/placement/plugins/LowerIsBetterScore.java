package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ValidationException;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ScorePlugin;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Base of score plugins where a lower metric is better: {@code score = round(100 * (1 - min(v, ceiling) /
 * ceiling))} for a known value {@code v >= 0}, and {@code unknownScore} when the value is unknown.
 */
abstract class LowerIsBetterScore implements ScorePlugin {

  private final ClusterMetricSource source;
  private final double ceiling;
  private final long unknownScore;

  LowerIsBetterScore(ClusterMetricSource source, double ceiling, long unknownScore) {
    this.source = Objects.requireNonNull(source, "source");
    if (!(ceiling > 0)) {
      throw ValidationException.of(name() + ".ceiling", ceiling, "must be > 0");
    }
    if (unknownScore < 0 || unknownScore > MAX_SCORE) {
      throw ValidationException.of(name() + ".unknownScore", unknownScore, "must be in [0, 100]");
    }
    this.ceiling = ceiling;
    this.unknownScore = unknownScore;
  }

  @Override
  public long score(PluginContext context, ClusterSnapshot cluster) {
    OptionalDouble v = source.value(cluster);
    if (v.isEmpty() || Double.isNaN(v.getAsDouble())) {
      return unknownScore;
    }
    double clamped = Math.max(0, Math.min(v.getAsDouble(), ceiling));
    return Math.round(MAX_SCORE * (1 - clamped / ceiling));
  }
}
