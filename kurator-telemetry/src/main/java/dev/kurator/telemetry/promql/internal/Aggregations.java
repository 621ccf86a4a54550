package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr.Aggregate;
import dev.kurator.telemetry.promql.Expr.AggregateOp;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.QueryException;
import dev.kurator.telemetry.promql.QueryException.ErrorType;
import dev.kurator.telemetry.promql.internal.Evaluator.Sample;
import dev.kurator.telemetry.promql.internal.Evaluator.Val;
import dev.kurator.telemetry.promql.internal.Evaluator.Vec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/** Aggregation operators (sum, avg, topk, quantile, ...) with Prometheus 3.x numerics. */
final class Aggregations {
  private Aggregations() {}

  /** Accumulator of one group. */
  private static final class Group {
    final Labels labels;
    final List<Sample> members = new ArrayList<>();
    double value;
    double kahanC;
    double mean;
    double count;
    boolean incrementalMean;

    Group(Labels labels) {
      this.labels = labels;
    }
  }

  static Labels groupKey(Labels l, Aggregate a) {
    if (a.without()) {
      List<String> drop = new ArrayList<>(a.grouping());
      drop.add(Labels.METRIC_NAME);
      return l.without(drop);
    }
    return l.keep(a.grouping());
  }

  static Val aggregate(Evaluator ev, Aggregate a, long t) {
    AggregateOp op = a.op();
    double param = Double.NaN;
    String label = null;
    if (op == AggregateOp.COUNT_VALUES) {
      label = ev.stringArg(a.param().orElseThrow(), t);
      if (!Lexer.validUtf8(label) || label.isEmpty()) {
        throw new QueryException(ErrorType.EXECUTION, "invalid label name " + Lexer.goQuote(label));
      }
    } else if (a.param().isPresent()) {
      param = ev.scalarArg(a.param().get(), t);
    }
    List<Sample> in = ((Vec) ev.eval(a.expr(), t)).samples();
    switch (op) {
      case TOPK, BOTTOMK, LIMITK -> {
        if (Double.isNaN(param)) {
          throw new QueryException(ErrorType.EXECUTION, "Parameter value is NaN");
        }
        if (param >= 9.223372036854775807E18 || param < -9.223372036854775808E18) {
          throw new QueryException(ErrorType.EXECUTION, "Scalar value " + GoMath.formatG(param)
              + " overflows int64");
        }
      }
      case LIMIT_RATIO -> {
        if (Double.isNaN(param)) {
          throw new QueryException(ErrorType.EXECUTION, "Ratio value is NaN");
        }
      }
      case QUANTILE -> {
        if (Double.isNaN(param) || param < 0 || param > 1) {
          ev.warn("quantile value should be between 0 and 1, got " + GoMath.formatG(param));
        }
      }
      default -> {}
    }
    LinkedHashMap<Labels, Group> groups = new LinkedHashMap<>();
    for (Sample s : in) {
      Labels key = groupKey(s.labels(), a);
      groups.computeIfAbsent(key, Group::new).members.add(s);
    }
    List<Sample> out = new ArrayList<>();
    if (op == AggregateOp.COUNT_VALUES) {
      LinkedHashMap<Labels, Integer> counts = new LinkedHashMap<>();
      for (Group g : groups.values()) {
        for (Sample s : g.members) {
          Labels l = g.labels.with(label, GoMath.formatFloat(s.v()));
          counts.merge(l, 1, Integer::sum);
        }
      }
      counts.forEach((l, c) -> out.add(new Sample(l, c, false)));
      return new Vec(out);
    }
    for (Group g : groups.values()) {
      switch (op) {
        case TOPK, BOTTOMK -> out.addAll(topk(g.members, (long) param, op == AggregateOp.TOPK));
        case LIMITK -> {
          long k = (long) param;
          for (int i = 0; i < g.members.size() && i < k; i++) {
            out.add(g.members.get(i));
          }
        }
        case LIMIT_RATIO -> out.addAll(limitRatio(ev, g.members, param));
        default -> {
          boolean drop = false;
          for (Sample s : g.members) {
            drop |= s.dropName();
          }
          out.add(new Sample(g.labels, reduce(op, g, param), drop && g.labels.has(Labels.METRIC_NAME)));
        }
      }
    }
    return new Vec(out);
  }

  private static List<Sample> limitRatio(Evaluator ev, List<Sample> members, double ratio) {
    if (ratio < -1 || ratio > 1) {
      ev.warn("ratio value should be between -1 and 1, got " + GoMath.formatG(ratio));
      ratio = Math.max(-1, Math.min(1, ratio));
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : members) {
      double offset = LabelHash.sampleOffset(s.labels());
      boolean keep = ratio >= 0 ? offset < ratio : offset >= 1 + ratio;
      if (keep) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Sample> topk(List<Sample> members, long k, boolean top) {
    if (k < 1) {
      return List.of();
    }
    List<Sample> sorted = new ArrayList<>(members);
    Comparator<Sample> byValue = (x, y) -> {
      boolean xn = Double.isNaN(x.v());
      boolean yn = Double.isNaN(y.v());
      if (xn || yn) {
        return Boolean.compare(xn, yn);
      }
      return top ? cmp(y.v(), x.v()) : cmp(x.v(), y.v());
    };
    sorted.sort(byValue);
    return sorted.subList(0, (int) Math.min(k, sorted.size()));
  }

  private static double reduce(AggregateOp op, Group g, double param) {
    List<Sample> ms = g.members;
    switch (op) {
      case SUM -> {
        double[] sc = {0, 0};
        for (Sample s : ms) {
          GoMath.kahanInc(s.v(), sc);
        }
        return sc[0] + sc[1];
      }
      case AVG -> {
        return avg(ms);
      }
      case COUNT -> {
        return ms.size();
      }
      case GROUP -> {
        return 1;
      }
      case MIN -> {
        double v = ms.get(0).v();
        for (Sample s : ms) {
          if (s.v() < v || Double.isNaN(v)) {
            v = s.v();
          }
        }
        return v;
      }
      case MAX -> {
        double v = ms.get(0).v();
        for (Sample s : ms) {
          if (s.v() > v || Double.isNaN(v)) {
            v = s.v();
          }
        }
        return v;
      }
      case STDDEV, STDVAR -> {
        double count = 0;
        double mean = 0;
        double m2 = 0;
        for (Sample s : ms) {
          count++;
          double delta = s.v() - mean;
          mean += delta / count;
          m2 += delta * (s.v() - mean);
        }
        double var = m2 / count;
        return op == AggregateOp.STDDEV ? Math.sqrt(var) : var;
      }
      case QUANTILE -> {
        double[] vals = new double[ms.size()];
        for (int i = 0; i < vals.length; i++) {
          vals[i] = ms.get(i).v();
        }
        return quantile(param, vals);
      }
      default -> throw new IllegalStateException("unexpected aggregation " + op);
    }
  }

  static int cmp(double x, double y) {
    return x < y ? -1 : (x > y ? 1 : 0);
  }

  /** Mean as Prometheus 3.x: compensated direct sum, falling back to an incremental mean on overflow. */
  static double avg(List<Sample> ms) {
    double[] vals = new double[ms.size()];
    for (int i = 0; i < vals.length; i++) {
      vals[i] = ms.get(i).v();
    }
    return avg(vals, 0, vals.length);
  }

  static double avg(double[] v, int from, int to) {
    double sum = v[from];
    double count = 1;
    double kahanC = 0;
    double mean = 0;
    boolean incremental = false;
    double[] sc = new double[2];
    for (int i = from + 1; i < to; i++) {
      count = i - from + 1;
      if (!incremental) {
        sc[0] = sum;
        sc[1] = kahanC;
        GoMath.kahanInc(v[i], sc);
        if (!Double.isInfinite(sc[0])) {
          sum = sc[0];
          kahanC = sc[1];
          continue;
        }
        incremental = true;
        mean = sum / (count - 1);
        kahanC /= (count - 1);
      }
      double q = (count - 1) / count;
      sc[0] = q * mean;
      sc[1] = q * kahanC;
      GoMath.kahanInc(v[i] / count, sc);
      mean = sc[0];
      kahanC = sc[1];
    }
    if (incremental) {
      return mean + kahanC;
    }
    return sum / count + kahanC / count;
  }

  /** Prometheus's quantile over values (NaN sorts first); sorts {@code values} in place. */
  static double quantile(double q, double[] values) {
    if (values.length == 0 || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    Double[] boxed = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    java.util.Arrays.sort(boxed, (x, y) -> {
      boolean xn = Double.isNaN(x);
      boolean yn = Double.isNaN(y);
      if (xn || yn) {
        return Boolean.compare(yn, xn);
      }
      return cmp(x, y);
    });
    double n = boxed.length;
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return boxed[(int) lower] * (1 - weight) + boxed[(int) upper] * weight;
  }
}
