package dev.kurator.telemetry;

import java.util.List;
import java.util.Objects;

/**
 * The {@code data} of a successful {@code /api/v1/query} or {@code /api/v1/query_range} response: one of an instant
 * vector, a range vector (matrix), a scalar or a string.
 */
public sealed interface QueryData {

  /** The result type, as in the JSON's {@code resultType}. */
  ResultType resultType();

  /** An instant vector. Prometheus does not order it unless the query used {@code sort()}. */
  record Vector(List<Sample> samples) implements QueryData {
    public Vector {
      samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
    }

    @Override
    public ResultType resultType() {
      return ResultType.VECTOR;
    }
  }

  /** A range vector; Prometheus sorts it by labels. */
  record Matrix(List<Series> series) implements QueryData {
    public Matrix {
      series = List.copyOf(Objects.requireNonNull(series, "series"));
    }

    @Override
    public ResultType resultType() {
      return ResultType.MATRIX;
    }
  }

  /** A scalar. */
  record Scalar(Point point) implements QueryData {
    public Scalar {
      Objects.requireNonNull(point, "point");
    }

    @Override
    public ResultType resultType() {
      return ResultType.SCALAR;
    }
  }

  /**
   * A string.
   *
   * @param timestampMillis evaluation time in milliseconds
   * @param value           the string
   */
  record Text(long timestampMillis, String value) implements QueryData {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ResultType resultType() {
      return ResultType.STRING;
    }
  }
}
