package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Expr.Call;
import dev.kurator.telemetry.promql.Expr.MatrixSelector;
import dev.kurator.telemetry.promql.Expr.Paren;
import dev.kurator.telemetry.promql.Expr.Subquery;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.QueryException;
import dev.kurator.telemetry.promql.QueryException.ErrorType;
import dev.kurator.telemetry.promql.internal.Evaluator.Mat;
import dev.kurator.telemetry.promql.internal.Evaluator.Sample;
import dev.kurator.telemetry.promql.internal.Evaluator.Scalar;
import dev.kurator.telemetry.promql.internal.Evaluator.Val;
import dev.kurator.telemetry.promql.internal.Evaluator.Vec;
import dev.kurator.telemetry.promql.internal.Evaluator.Window;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.regex.PatternSyntaxException;

/** PromQL functions over floats, following Prometheus 3.x {@code promql/functions.go}. */
final class Functions {
  private Functions() {}

  private static final Map<String, DoubleUnaryOperator> MATH = new LinkedHashMap<>();

  static {
    MATH.put("abs", Math::abs);
    MATH.put("ceil", Math::ceil);
    MATH.put("floor", Math::floor);
    MATH.put("exp", Math::exp);
    MATH.put("sqrt", Math::sqrt);
    MATH.put("ln", Math::log);
    MATH.put("log2", Functions::log2);
    MATH.put("log10", Math::log10);
    MATH.put("sgn", v -> v < 0 ? -1 : (v > 0 ? 1 : v));
    MATH.put("sin", Math::sin);
    MATH.put("cos", Math::cos);
    MATH.put("tan", Math::tan);
    MATH.put("asin", Math::asin);
    MATH.put("acos", Math::acos);
    MATH.put("atan", Math::atan);
    MATH.put("sinh", Math::sinh);
    MATH.put("cosh", Math::cosh);
    MATH.put("tanh", Math::tanh);
    MATH.put("asinh", v -> Double.isInfinite(v) ? v : Math.log(v + Math.sqrt(v * v + 1)));
    MATH.put("acosh", v -> Math.log(v + Math.sqrt(v * v - 1)));
    MATH.put("atanh", v -> 0.5 * Math.log((1 + v) / (1 - v)));
    MATH.put("deg", v -> v * 180 / Math.PI);
    MATH.put("rad", v -> v * Math.PI / 180);
  }

  private static double log2(double v) {
    if (v > 0 && !Double.isInfinite(v)) {
      int exp = Math.getExponent(v);
      if (exp >= Double.MIN_EXPONENT && v == Math.scalb(1.0, exp)) {
        return exp;
      }
    }
    return Math.log(v) / Math.log(2);
  }

  static Val call(Evaluator ev, Call c, long t) {
    String f = c.function();
    List<Expr> args = c.args();
    DoubleUnaryOperator math = MATH.get(f);
    if (math != null) {
      return mapVector(ev, args.get(0), t, math);
    }
    switch (f) {
      case "time":
        return new Scalar(t / 1000.0);
      case "pi":
        return new Scalar(Math.PI);
      case "start":
        return new Scalar(ev.start / 1000.0);
      case "end":
        return new Scalar(ev.end / 1000.0);
      case "step":
        return new Scalar(ev.step / 1000.0);
      case "range":
        return new Scalar((ev.end - ev.start) / 1000.0);
      case "min_of", "max_of": {
        double a = ev.scalarArg(args.get(0), t);
        double b = ev.scalarArg(args.get(1), t);
        if (Double.isNaN(a) || Double.isNaN(b)) {
          return new Scalar(Double.NaN);
        }
        return new Scalar(f.equals("min_of") ? Math.min(a, b) : Math.max(a, b));
      }
      case "vector":
        return new Vec(List.of(new Sample(Labels.EMPTY, ev.scalarArg(args.get(0), t), false)));
      case "scalar": {
        List<Sample> v = vec(ev, args.get(0), t);
        return new Scalar(v.size() == 1 ? v.get(0).v() : Double.NaN);
      }
      case "round": {
        double toNearest = args.size() > 1 ? ev.scalarArg(args.get(1), t) : 1;
        double inv = 1.0 / toNearest;
        return mapVector(ev, args.get(0), t, v -> Math.floor(v * inv + 0.5) / inv);
      }
      case "clamp": {
        double min = ev.scalarArg(args.get(1), t);
        double max = ev.scalarArg(args.get(2), t);
        if (max < min) {
          vec(ev, args.get(0), t);
          return new Vec(List.of());
        }
        return mapVector(ev, args.get(0), t, v -> Math.max(min, Math.min(max, v)));
      }
      case "clamp_min": {
        double min = ev.scalarArg(args.get(1), t);
        return mapVector(ev, args.get(0), t, v -> Math.max(min, v));
      }
      case "clamp_max": {
        double max = ev.scalarArg(args.get(1), t);
        return mapVector(ev, args.get(0), t, v -> Math.min(max, v));
      }
      case "timestamp":
        return timestamp(ev, args.get(0), t);
      case "day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year":
        return date(ev, f, args, t);
      case "sort", "sort_desc":
        return sort(ev, f.equals("sort_desc"), args.get(0), t);
      case "sort_by_label", "sort_by_label_desc":
        return sortByLabel(ev, f.endsWith("_desc"), args, t);
      case "label_replace":
        return labelReplace(ev, args, t);
      case "label_join":
        return labelJoin(ev, args, t);
      case "absent": {
        List<Sample> v = vec(ev, args.get(0), t);
        return v.isEmpty() ? new Vec(List.of(new Sample(absentLabels(args.get(0)), 1, false))) : new Vec(List.of());
      }
      case "absent_over_time": {
        List<Window> m = mat(ev, args.get(0), t);
        return m.isEmpty() ? new Vec(List.of(new Sample(absentLabels(args.get(0)), 1, false))) : new Vec(List.of());
      }
      case "histogram_quantile":
        return HistogramQuantile.eval(ev, ev.scalarArg(args.get(0), t), vec(ev, args.get(1), t));
      case "histogram_quantiles": {
        String label = ev.stringArg(args.get(1), t);
        if (!validLabelName(label)) {
          throw new QueryException(ErrorType.EXECUTION, "invalid label name " + Lexer.goQuote(label));
        }
        List<Sample> in = vec(ev, args.get(0), t);
        List<Sample> out = new ArrayList<>();
        for (int i = 2; i < args.size(); i++) {
          double q = ev.scalarArg(args.get(i), t);
          String value = GoMath.formatLabelFloat(q);
          for (Sample s : ((Vec) HistogramQuantile.eval(ev, q, in)).samples()) {
            out.add(new Sample(s.labels().with(label, value), s.v(), s.dropName()));
          }
        }
        Set<Labels> seen = new HashSet<>();
        for (Sample s : out) {
          if (!seen.add(s.dropName() ? Evaluator.dropName(s.labels()) : s.labels())) {
            throw Evaluator.sameLabelset();
          }
        }
        return new Vec(out);
      }
      case "histogram_count", "histogram_sum", "histogram_avg", "histogram_stddev", "histogram_stdvar": {
        vec(ev, args.get(0), t);
        return new Vec(List.of());
      }
      case "histogram_fraction":
        return HistogramQuantile.fraction(
            ev, ev.scalarArg(args.get(0), t), ev.scalarArg(args.get(1), t), vec(ev, args.get(2), t));
      case "info":
        return Info.eval(ev, args, t);
      default:
        return rangeFunction(ev, c, t);
    }
  }

  static List<Sample> vec(Evaluator ev, Expr e, long t) {
    return ((Vec) ev.eval(e, t)).samples();
  }

  static List<Window> mat(Evaluator ev, Expr e, long t) {
    return ((Mat) ev.eval(e, t)).series();
  }

  private static Val mapVector(Evaluator ev, Expr arg, long t, DoubleUnaryOperator fn) {
    List<Sample> in = vec(ev, arg, t);
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      out.add(new Sample(s.labels(), fn.applyAsDouble(s.v()), true));
    }
    return new Vec(out);
  }

  private static Expr unwrap(Expr e) {
    while (e instanceof Paren p) {
      e = p.expr();
    }
    return e;
  }

  private static Val timestamp(Evaluator ev, Expr arg, long t) {
    Expr inner = unwrap(arg);
    List<Sample> in = vec(ev, arg, t);
    long[] ts = inner instanceof VectorSelector vs ? ev.selectVectorTimestamps(vs, t) : null;
    List<Sample> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      Sample s = in.get(i);
      out.add(new Sample(s.labels(), (ts != null ? ts[i] : t) / 1000.0, true));
    }
    return new Vec(out);
  }

  private static Val date(Evaluator ev, String f, List<Expr> args, long t) {
    ToDoubleFunction<LocalDateTime> fn =
        switch (f) {
          case "day_of_month" -> d -> d.getDayOfMonth();
          case "day_of_week" -> d -> d.getDayOfWeek().getValue() % 7;
          case "day_of_year" -> d -> d.getDayOfYear();
          case "days_in_month" -> d -> d.toLocalDate().lengthOfMonth();
          case "hour" -> d -> d.getHour();
          case "minute" -> d -> d.getMinute();
          case "month" -> d -> d.getMonthValue();
          default -> d -> d.getYear();
        };
    if (args.isEmpty()) {
      return new Vec(List.of(new Sample(Labels.EMPTY, fn.applyAsDouble(toTime(Math.floorDiv(t, 1000))), false)));
    }
    return mapVector(ev, args.get(0), t, v -> fn.applyAsDouble(toTime((long) v)));
  }

  private static LocalDateTime toTime(long seconds) {
    return LocalDateTime.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  private static Val sort(Evaluator ev, boolean desc, Expr arg, long t) {
    if (ev.isRangeQuery()) {
      ev.warn("sort is ineffective for range queries since results are always ordered by labels");
    }
    List<Sample> out = new ArrayList<>(vec(ev, arg, t));
    out.sort((x, y) -> {
      boolean xn = Double.isNaN(x.v());
      boolean yn = Double.isNaN(y.v());
      if (xn || yn) {
        return Boolean.compare(xn, yn);
      }
      return desc ? Aggregations.cmp(y.v(), x.v()) : Aggregations.cmp(x.v(), y.v());
    });
    return new Vec(out);
  }

  private static Val sortByLabel(Evaluator ev, boolean desc, List<Expr> args, long t) {
    if (ev.isRangeQuery()) {
      ev.warn("sort is ineffective for range queries since results are always ordered by labels");
    }
    List<String> names = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      names.add(ev.stringArg(args.get(i), t));
    }
    List<Sample> out = new ArrayList<>(vec(ev, args.get(0), t));
    Comparator<Sample> cmp = (a, b) -> {
      for (String n : names) {
        int c = NaturalOrder.compare(a.labels().get(n), b.labels().get(n));
        if (c != 0) {
          return c;
        }
      }
      return a.labels().compareTo(b.labels());
    };
    out.sort(desc ? cmp.reversed() : cmp);
    return new Vec(out);
  }

  private static boolean validLabelName(String s) {
    return !s.isEmpty() && Lexer.validUtf8(s);
  }

  private static Val labelReplace(Evaluator ev, List<Expr> args, long t) {
    String dst = ev.stringArg(args.get(1), t);
    String repl = ev.stringArg(args.get(2), t);
    String src = ev.stringArg(args.get(3), t);
    String regex = ev.stringArg(args.get(4), t);
    java.util.regex.Pattern p;
    try {
      p = java.util.regex.Pattern.compile("^(?s:" + regex.replace("(?P<", "(?<") + ")$");
    } catch (PatternSyntaxException e) {
      throw new QueryException(ErrorType.EXECUTION, "invalid regular expression in label_replace(): " + regex);
    }
    if (!validLabelName(dst)) {
      throw new QueryException(ErrorType.EXECUTION, "invalid destination label name in label_replace(): " + dst);
    }
    List<Sample> in = vec(ev, args.get(0), t);
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      java.util.regex.Matcher m = p.matcher(s.labels().get(src));
      if (m.matches()) {
        String res = expand(repl, m);
        Labels l = s.labels().with(dst, res);
        boolean drop = s.dropName() && !dst.equals(Labels.METRIC_NAME);
        out.add(new Sample(l, s.v(), drop));
      } else {
        out.add(s);
      }
    }
    return new Vec(checkUnique(out));
  }

  private static List<Sample> checkUnique(List<Sample> out) {
    Set<Labels> seen = new HashSet<>();
    for (Sample s : out) {
      if (!seen.add(s.labels())) {
        throw Evaluator.sameLabelset();
      }
    }
    return out;
  }

  /** Go's regexp Expand: $1, ${1}, $name, ${name}, $$. */
  static String expand(String template, java.util.regex.Matcher m) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= template.length()) {
        sb.append(c);
        i++;
        continue;
      }
      char n = template.charAt(i + 1);
      if (n == '$') {
        sb.append('$');
        i += 2;
        continue;
      }
      String name;
      int next;
      if (n == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          sb.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        next = close + 1;
      } else {
        int j = i + 1;
        while (j < template.length()
            && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
          j++;
        }
        name = template.substring(i + 1, j);
        next = j;
      }
      if (name.isEmpty()) {
        sb.append(c);
        i++;
        continue;
      }
      sb.append(group(m, name));
      i = next;
    }
    return sb.toString();
  }

  private static String group(java.util.regex.Matcher m, String name) {
    String g = null;
    if (name.chars().allMatch(Character::isDigit)) {
      try {
        int idx = Integer.parseInt(name);
        if (idx <= m.groupCount()) {
          g = m.group(idx);
        }
      } catch (NumberFormatException e) {
        g = null;
      }
    } else {
      try {
        g = m.group(name);
      } catch (IllegalArgumentException e) {
        g = null;
      }
    }
    return g == null ? "" : g;
  }

  private static Val labelJoin(Evaluator ev, List<Expr> args, long t) {
    String dst = ev.stringArg(args.get(1), t);
    String sep = ev.stringArg(args.get(2), t);
    List<String> srcs = new ArrayList<>();
    for (int i = 3; i < args.size(); i++) {
      String s = ev.stringArg(args.get(i), t);
      if (!validLabelName(s)) {
        throw new QueryException(ErrorType.EXECUTION, "invalid source label name in label_join(): " + s);
      }
      srcs.add(s);
    }
    if (!validLabelName(dst)) {
      throw new QueryException(ErrorType.EXECUTION, "invalid destination label name in label_join(): " + dst);
    }
    List<Sample> in = vec(ev, args.get(0), t);
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < srcs.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append(s.labels().get(srcs.get(i)));
      }
      Labels l = s.labels().with(dst, sb.toString());
      out.add(new Sample(l, s.v(), s.dropName() && !dst.equals(Labels.METRIC_NAME)));
    }
    return new Vec(checkUnique(out));
  }

  private static Labels absentLabels(Expr arg) {
    List<Matcher> ms;
    if (arg instanceof VectorSelector vs) {
      ms = vs.matchers();
    } else if (arg instanceof MatrixSelector m) {
      ms = m.selector().matchers();
    } else {
      return Labels.EMPTY;
    }
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> has = new HashSet<>();
    for (Matcher m : ms) {
      if (m.name().equals(Labels.METRIC_NAME)) {
        continue;
      }
      if (m.type() == Matcher.Type.EQUAL && !has.contains(m.name())) {
        out.put(m.name(), m.value());
        has.add(m.name());
      } else {
        out.remove(m.name());
      }
    }
    return Labels.of(out);
  }

  // ------------------------------------------------------------------ functions over range vectors

  /** A per-window computation; returns NaN-boxed "no output" as null. */
  private interface WindowFn {
    Double apply(Window w);
  }

  private static Val rangeFunction(Evaluator ev, Call c, long t) {
    String f = c.function();
    List<Expr> args = c.args();
    int matIdx = f.equals("quantile_over_time") ? 1 : 0;
    Expr matArg = unwrap(args.get(matIdx));
    long rangeMs;
    long rangeEnd;
    if (matArg instanceof MatrixSelector ms) {
      rangeMs = ms.rangeMs();
      rangeEnd = ev.atTime(ms.selector().at(), t) - ms.selector().offsetMs();
    } else if (matArg instanceof Subquery sq) {
      rangeMs = sq.rangeMs();
      rangeEnd = ev.atTime(sq.at(), t) - sq.offsetMs();
    } else {
      throw new QueryException(ErrorType.EXECUTION, "unexpected range argument to " + f);
    }
    long rangeStart = rangeEnd - rangeMs;
    if (matArg instanceof MatrixSelector sm && sm.selector().extension() != Expr.Extension.NONE) {
      return extended(ev, f, sm, rangeMs, t);
    }
    boolean keepName = f.equals("last_over_time") || f.equals("first_over_time");
    WindowFn fn;
    switch (f) {
      case "rate" -> fn = w -> extrapolatedRate(w, rangeStart, rangeEnd, true, true);
      case "increase" -> fn = w -> extrapolatedRate(w, rangeStart, rangeEnd, true, false);
      case "delta" -> fn = w -> extrapolatedRate(w, rangeStart, rangeEnd, false, false);
      case "irate" -> fn = w -> instantValue(w, true);
      case "idelta" -> fn = w -> instantValue(w, false);
      case "deriv" -> fn = w -> w.size() < 2 ? null : linearRegression(w, w.ts()[w.from()])[0];
      case "predict_linear" -> {
        double d = ev.scalarArg(args.get(1), t);
        fn = w -> {
          if (w.size() < 2) {
            return null;
          }
          double[] si = linearRegression(w, t);
          return si[0] * d + si[1];
        };
      }
      case "double_exponential_smoothing" -> {
        double sf = ev.scalarArg(args.get(1), t);
        double tf = ev.scalarArg(args.get(2), t);
        if (sf <= 0 || sf >= 1) {
          throw new QueryException(ErrorType.EXECUTION,
              "invalid smoothing factor. Expected: 0 < sf < 1, got: " + String.format("%f", sf));
        }
        if (tf <= 0 || tf >= 1) {
          throw new QueryException(ErrorType.EXECUTION,
              "invalid trend factor. Expected: 0 < tf < 1, got: " + String.format("%f", tf));
        }
        fn = w -> smoothing(w, sf, tf);
      }
      case "changes" -> fn = w -> {
        double prev = w.vs()[w.from()];
        int n = 0;
        for (int i = w.from() + 1; i < w.to(); i++) {
          double cur = w.vs()[i];
          if (!(cur == prev || (Double.isNaN(cur) && Double.isNaN(prev)))) {
            n++;
          }
          prev = cur;
        }
        return (double) n;
      };
      case "resets" -> fn = w -> {
        double prev = w.vs()[w.from()];
        int n = 0;
        for (int i = w.from() + 1; i < w.to(); i++) {
          double cur = w.vs()[i];
          if (cur < prev) {
            n++;
          }
          prev = cur;
        }
        return (double) n;
      };
      case "avg_over_time" -> fn = w -> Aggregations.avg(w.vs(), w.from(), w.to());
      case "sum_over_time" -> fn = w -> {
        double[] sc = {0, 0};
        for (int i = w.from(); i < w.to(); i++) {
          GoMath.kahanInc(w.vs()[i], sc);
        }
        return Double.isInfinite(sc[0]) ? sc[0] : sc[0] + sc[1];
      };
      case "count_over_time" -> fn = w -> (double) w.size();
      case "present_over_time" -> fn = w -> 1.0;
      case "last_over_time" -> fn = w -> w.vs()[w.to() - 1];
      case "first_over_time" -> fn = w -> w.vs()[w.from()];
      case "ts_of_last_over_time" -> fn = w -> w.ts()[w.to() - 1] / 1000.0;
      case "ts_of_first_over_time" -> fn = w -> w.ts()[w.from()] / 1000.0;
      case "min_over_time", "max_over_time", "ts_of_min_over_time", "ts_of_max_over_time" -> {
        boolean max = f.contains("max");
        boolean ts = f.startsWith("ts_of");
        fn = w -> {
          double best = w.vs()[w.from()];
          long bestT = w.ts()[w.from()];
          for (int i = w.from(); i < w.to(); i++) {
            double cur = w.vs()[i];
            boolean better = ts
                ? (max ? cur >= best : cur <= best) || Double.isNaN(best)
                : (max ? cur > best : cur < best) || Double.isNaN(best);
            if (better) {
              best = cur;
              bestT = w.ts()[i];
            }
          }
          return ts ? bestT / 1000.0 : best;
        };
      }
      case "stddev_over_time", "stdvar_over_time" -> {
        boolean dev = f.startsWith("stddev");
        fn = w -> {
          double count = 0;
          double[] mean = {0, 0};
          double[] aux = {0, 0};
          for (int i = w.from(); i < w.to(); i++) {
            double v = w.vs()[i];
            count++;
            double delta = v - (mean[0] + mean[1]);
            GoMath.kahanInc(delta / count, mean);
            GoMath.kahanInc(delta * (v - (mean[0] + mean[1])), aux);
          }
          double var = (aux[0] + aux[1]) / count;
          return dev ? Math.sqrt(var) : var;
        };
      }
      case "quantile_over_time" -> {
        double q = ev.scalarArg(args.get(0), t);
        if (Double.isNaN(q) || q < 0 || q > 1) {
          ev.warn("quantile value should be between 0 and 1, got " + GoMath.formatG(q));
        }
        fn = w -> Aggregations.quantile(q, java.util.Arrays.copyOfRange(w.vs(), w.from(), w.to()));
      }
      case "mad_over_time" -> fn = w -> {
        double[] vals = java.util.Arrays.copyOfRange(w.vs(), w.from(), w.to());
        for (double v : vals) {
          if (Double.isNaN(v)) {
            return Double.NaN;
          }
        }
        double median = Aggregations.quantile(0.5, vals.clone());
        for (int i = 0; i < vals.length; i++) {
          vals[i] = Math.abs(vals[i] - median);
        }
        return Aggregations.quantile(0.5, vals);
      };
      default -> throw new QueryException(ErrorType.UNSUPPORTED, "function " + f + "() is not supported");
    }
    List<Window> windows = mat(ev, args.get(matIdx), t);
    List<Sample> out = new ArrayList<>(windows.size());
    boolean counterCheck = f.equals("rate") || f.equals("increase");
    for (Window w : windows) {
      if (counterCheck) {
        String name = w.labels().metricName();
        if (!name.isEmpty()
            && !name.endsWith("_total")
            && !name.endsWith("_sum")
            && !name.endsWith("_count")
            && !name.endsWith("_bucket")) {
          ev.info("metric might not be a counter, name does not end in _total/_sum/_count/_bucket: \""
              + name + "\"");
        }
      }
      Double v = fn.apply(w);
      if (v != null) {
        out.add(new Sample(w.labels(), v, keepName ? w.dropName() : true));
      }
    }
    return new Vec(out);
  }

  /**
   * rate, increase and delta (and, anchored, changes and resets) over a {@code smoothed} or {@code anchored} range:
   * boundary values interpolated or anchored on real samples, never extrapolated.
   */
  private static Val extended(Evaluator ev, String f, MatrixSelector ms, long rangeMs, long t) {
    boolean smoothed = ms.selector().extension() == Expr.Extension.SMOOTHED;
    List<String> allowed = smoothed
        ? List.of("delta", "increase", "rate")
        : List.of("changes", "delta", "increase", "rate", "resets");
    if (!allowed.contains(f)) {
      throw new QueryException(ErrorType.EXECUTION, (smoothed ? "smoothed" : "anchored")
          + " modifier can only be used with: " + String.join(", ", allowed) + " - not with " + f);
    }
    boolean counter = f.equals("rate") || f.equals("increase");
    List<Window> windows = smoothed
        ? ev.smoothedMatrix(ms, t, counter)
        : ev.anchoredMatrix(ms, t, !f.equals("changes") && !f.equals("resets"));
    List<Sample> out = new ArrayList<>();
    for (Window w : windows) {
      double[] v = w.vs();
      double result = 0;
      for (int i = w.from() + 1; i < w.to(); i++) {
        switch (f) {
          case "changes" -> result += v[i] != v[i - 1] && !(Double.isNaN(v[i]) && Double.isNaN(v[i - 1])) ? 1 : 0;
          case "resets" -> result += v[i] < v[i - 1] ? 1 : 0;
          case "delta" -> result += v[i] - v[i - 1];
          default -> result += v[i] >= v[i - 1] ? v[i] - v[i - 1] : v[i];
        }
      }
      if (f.equals("delta")) {
        result = v[w.to() - 1] - v[w.from()];
      } else if (f.equals("rate")) {
        result /= rangeMs / 1000.0;
      }
      out.add(new Sample(w.labels(), result, true));
    }
    return new Vec(out);
  }

  private static Double extrapolatedRate(
      Window w, long rangeStart, long rangeEnd, boolean isCounter, boolean isRate) {
    int n = w.size();
    if (n < 2) {
      return null;
    }
    long[] ts = w.ts();
    double[] vs = w.vs();
    int first = w.from();
    int last = w.to() - 1;
    double result = vs[last] - vs[first];
    if (isCounter) {
      double prev = vs[first];
      for (int i = first + 1; i <= last; i++) {
        if (vs[i] < prev) {
          result += prev;
        }
        prev = vs[i];
      }
    }
    double durationToStart = (ts[first] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - ts[last]) / 1000.0;
    double sampled = (ts[last] - ts[first]) / 1000.0;
    double avgBetween = sampled / (n - 1);
    double threshold = avgBetween * 1.1;
    if (durationToStart >= threshold) {
      durationToStart = avgBetween / 2;
    }
    if (isCounter) {
      double durationToZero = durationToStart;
      if (result > 0 && vs[first] >= 0) {
        durationToZero = sampled * (vs[first] / result);
      }
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    if (durationToEnd >= threshold) {
      durationToEnd = avgBetween / 2;
    }
    double factor = (sampled + durationToStart + durationToEnd) / sampled;
    if (isRate) {
      factor /= (rangeEnd - rangeStart) / 1000.0;
    }
    return result * factor;
  }

  private static Double instantValue(Window w, boolean isRate) {
    if (w.size() < 2) {
      return null;
    }
    int last = w.to() - 1;
    double lastV = w.vs()[last];
    double prevV = w.vs()[last - 1];
    double result = isRate && lastV < prevV ? lastV : lastV - prevV;
    long interval = w.ts()[last] - w.ts()[last - 1];
    if (interval == 0) {
      return null;
    }
    if (isRate) {
      result /= interval / 1000.0;
    }
    return result;
  }

  /** Returns {slope, intercept}. */
  private static double[] linearRegression(Window w, long interceptTime) {
    double n = 0;
    double[] sumX = {0, 0};
    double[] sumY = {0, 0};
    double[] sumXY = {0, 0};
    double[] sumX2 = {0, 0};
    double initY = w.vs()[w.from()];
    boolean constY = true;
    for (int i = w.from(); i < w.to(); i++) {
      double y = w.vs()[i];
      if (constY && i > w.from() && y != initY) {
        constY = false;
      }
      n += 1;
      double x = (w.ts()[i] - interceptTime) / 1e3;
      GoMath.kahanInc(x, sumX);
      GoMath.kahanInc(y, sumY);
      GoMath.kahanInc(x * y, sumXY);
      GoMath.kahanInc(x * x, sumX2);
    }
    if (constY) {
      if (Double.isInfinite(initY)) {
        return new double[] {Double.NaN, Double.NaN};
      }
      return new double[] {0, initY};
    }
    double sx = sumX[0] + sumX[1];
    double sy = sumY[0] + sumY[1];
    double sxy = sumXY[0] + sumXY[1];
    double sx2 = sumX2[0] + sumX2[1];
    double covXY = sxy - sx * sy / n;
    double varX = sx2 - sx * sx / n;
    double slope = covXY / varX;
    double intercept = sy / n - slope * sx / n;
    return new double[] {slope, intercept};
  }

  private static Double smoothing(Window w, double sf, double tf) {
    int l = w.size();
    if (l < 2) {
      return null;
    }
    double[] v = w.vs();
    int o = w.from();
    double s0 = 0;
    double s1 = v[o];
    double b = v[o + 1] - v[o];
    for (int i = 1; i < l; i++) {
      double x = sf * v[o + i];
      if (i - 1 != 0) {
        b = tf * (s1 - s0) + (1 - tf) * b;
      }
      double y = (1 - sf) * (s1 + b);
      s0 = s1;
      s1 = x + y;
    }
    return s1;
  }
}
