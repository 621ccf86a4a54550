package dev.kurator.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * One element of a range vector (matrix): a series' labels and its points in ascending time order.
 *
 * @param metric the series labels
 * @param points the samples, ascending by timestamp
 */
public record Series(Labels metric, List<Point> points) {

  public Series {
    Objects.requireNonNull(metric, "metric");
    points = List.copyOf(Objects.requireNonNull(points, "points"));
  }

  /** A copy with other labels. */
  public Series withMetric(Labels other) {
    return new Series(other, points);
  }
}
