package dev.kurator.telemetry.promql;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a query: its value plus annotations.
 *
 * @param value the result
 * @param warnings {@code PromQL warning: ...} annotations
 * @param infos {@code PromQL info: ...} annotations
 */
public record QueryResult(Value value, List<String> warnings, List<String> infos) {

  /** Copies the lists; rejects nulls. */
  public QueryResult {
    Objects.requireNonNull(value, "value");
    warnings = List.copyOf(warnings);
    infos = List.copyOf(infos);
  }

  /** A query result value. */
  public sealed interface Value permits Scalar, Text, InstantVector, Matrix {}

  /**
   * A scalar.
   *
   * @param timestampMs evaluation time (ms)
   * @param value the number
   */
  public record Scalar(long timestampMs, double value) implements Value {}

  /**
   * A string.
   *
   * @param timestampMs evaluation time (ms)
   * @param value the text
   */
  public record Text(long timestampMs, String value) implements Value {
    /** Rejects null. */
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * One sample of an instant vector.
   *
   * @param labels series labels
   * @param timestampMs evaluation time (ms)
   * @param value the number
   */
  public record Sample(Labels labels, long timestampMs, double value) {
    /** Rejects null labels. */
    public Sample {
      Objects.requireNonNull(labels, "labels");
    }
  }

  /**
   * An instant vector, in evaluation order (sorted only when the query sorts).
   *
   * @param samples the samples
   */
  public record InstantVector(List<Sample> samples) implements Value {
    /** Copies the list. */
    public InstantVector {
      samples = List.copyOf(samples);
    }
  }

  /**
   * A range vector or range-query result: series sorted by labels.
   *
   * @param series the series
   */
  public record Matrix(List<Series> series) implements Value {
    /** Copies the list. */
    public Matrix {
      series = List.copyOf(series);
    }
  }
}
