package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr.ValueType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Signatures of the PromQL functions the parser accepts. */
public final class FunctionTable {

  /**
   * A function signature.
   *
   * @param name function name
   * @param argTypes declared argument types
   * @param variadic 0 = fixed arity; n &gt; 0 = the last n arguments are optional; -1 = the last type repeats
   * @param returnType result type
   */
  public record Signature(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
    /** Copies argument types. */
    public Signature {
      argTypes = List.copyOf(argTypes);
    }
  }

  private static final Map<String, Signature> FUNCTIONS = new HashMap<>();

  private static final ValueType S = ValueType.SCALAR;
  private static final ValueType V = ValueType.VECTOR;
  private static final ValueType M = ValueType.MATRIX;
  private static final ValueType STR = ValueType.STRING;

  static {
    for (String f :
        List.of(
            "abs", "ceil", "floor", "exp", "sqrt", "ln", "log2", "log10", "sgn", "sin", "cos", "tan", "asin",
            "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "deg", "rad", "timestamp",
            "sort", "sort_desc", "absent")) {
      def(f, List.of(V), 0, V);
    }
    for (String f :
        List.of(
            "rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets", "avg_over_time",
            "sum_over_time", "count_over_time", "min_over_time", "max_over_time", "stddev_over_time",
            "stdvar_over_time", "last_over_time", "first_over_time", "present_over_time", "absent_over_time",
            "mad_over_time", "ts_of_min_over_time", "ts_of_max_over_time", "ts_of_first_over_time",
            "ts_of_last_over_time")) {
      def(f, List.of(M), 0, V);
    }
    for (String f :
        List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year")) {
      def(f, List.of(V), 1, V);
    }
    for (String f : List.of("time", "pi", "start", "end", "step", "range")) {
      def(f, List.of(), 0, S);
    }
    def("min_of", List.of(S, S), 0, S);
    def("max_of", List.of(S, S), 0, S);
    def("clamp", List.of(V, S, S), 0, V);
    def("clamp_min", List.of(V, S), 0, V);
    def("clamp_max", List.of(V, S), 0, V);
    def("round", List.of(V, S), 1, V);
    def("scalar", List.of(V), 0, S);
    def("vector", List.of(S), 0, V);
    def("histogram_quantile", List.of(S, V), 0, V);
    def("histogram_fraction", List.of(S, S, V), 0, V);
    def("histogram_quantiles", List.of(V, STR, S), -1, V);
    for (String f :
        List.of("histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar")) {
      def(f, List.of(V), 0, V);
    }
    def("quantile_over_time", List.of(S, M), 0, V);
    def("predict_linear", List.of(M, S), 0, V);
    def("double_exponential_smoothing", List.of(M, S, S), 0, V);
    def("label_replace", List.of(V, STR, STR, STR, STR), 0, V);
    def("label_join", List.of(V, STR, STR, STR), -1, V);
    def("sort_by_label", List.of(V, STR), -1, V);
    def("sort_by_label_desc", List.of(V, STR), -1, V);
    def("info", List.of(V, V), 1, V);
  }

  private FunctionTable() {}

  private static void def(String name, List<ValueType> args, int variadic, ValueType ret) {
    FUNCTIONS.put(name, new Signature(name, args, variadic, ret));
  }

  /** The signature of a known function, or null. */
  public static Signature lookup(String name) {
    return FUNCTIONS.get(name);
  }
}
