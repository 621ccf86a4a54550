package dev.kurator.telemetry.promql;

import java.util.List;

/**
 * Where the engine reads raw samples from: an in-memory store, a remote Prometheus, a fan-out over many. Implemented
 * by storage adapters.
 */
@FunctionalInterface
public interface SeriesSource {

  /**
   * Returns every series matching all matchers, with its samples in {@code [minTimeMs, maxTimeMs]} (more samples
   * are allowed; the engine windows them itself). Series should be sorted by labels; the engine sorts otherwise.
   *
   * @param minTimeMs earliest sample time needed (ms, inclusive)
   * @param maxTimeMs latest sample time needed (ms, inclusive)
   * @param matchers label matchers, all of which must hold
   * @return the matching series; never null
   */
  List<Series> select(long minTimeMs, long maxTimeMs, List<Matcher> matchers);
}
