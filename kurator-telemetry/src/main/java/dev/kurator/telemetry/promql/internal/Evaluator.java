package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Expr.Aggregate;
import dev.kurator.telemetry.promql.Expr.At;
import dev.kurator.telemetry.promql.Expr.Binary;
import dev.kurator.telemetry.promql.Expr.BinaryOp;
import dev.kurator.telemetry.promql.Expr.Call;
import dev.kurator.telemetry.promql.Expr.Cardinality;
import dev.kurator.telemetry.promql.Expr.MatrixSelector;
import dev.kurator.telemetry.promql.Expr.NumberLiteral;
import dev.kurator.telemetry.promql.Expr.Paren;
import dev.kurator.telemetry.promql.Expr.StringLiteral;
import dev.kurator.telemetry.promql.Expr.Subquery;
import dev.kurator.telemetry.promql.Expr.Unary;
import dev.kurator.telemetry.promql.Expr.ValueType;
import dev.kurator.telemetry.promql.Expr.VectorMatching;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.QueryException;
import dev.kurator.telemetry.promql.QueryException.ErrorType;
import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.QueryResult;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.SeriesSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Evaluates a parsed expression step by step over a {@link SeriesSource}. One instance per query; not thread-safe.
 */
public final class Evaluator {

  /** An intermediate value. */
  sealed interface Val permits Scalar, Str, Vec, Mat {}

  record Scalar(double v) implements Val {}

  record Str(String s) implements Val {}

  record Vec(List<Sample> samples) implements Val {}

  record Mat(List<Window> series) implements Val {}

  /** A sample; {@code dropName} marks a metric name to be removed at the end (delayed name removal). */
  record Sample(Labels labels, double v, boolean dropName) {}

  /** The samples of one series in a window: {@code ts[from..to)}. */
  record Window(Labels labels, long[] ts, double[] vs, int from, int to, boolean dropName) {
    int size() {
      return to - from;
    }
  }

  private final SeriesSource source;
  private final QueryOptions opts;
  final long start;
  final long end;
  final long step;
  private final long lookback;
  private final BooleanSupplier cancelled;
  private final long startNanos;
  private final long timeoutNanos;
  final LinkedHashSet<String> warnings = new LinkedHashSet<>();
  final LinkedHashSet<String> infos = new LinkedHashSet<>();
  private final IdentityHashMap<VectorSelector, long[]> ranges = new IdentityHashMap<>();
  private final IdentityHashMap<VectorSelector, List<Series>> selected = new IdentityHashMap<>();
  private long stepSamples;

  private Evaluator(
      SeriesSource source, QueryOptions opts, long start, long end, long step, BooleanSupplier cancelled) {
    this.source = source;
    this.opts = opts;
    this.start = start;
    this.end = end;
    this.step = step;
    this.lookback = opts.lookbackDelta().toMillis();
    this.cancelled = cancelled;
    this.startNanos = opts.nanoTicker().getAsLong();
    this.timeoutNanos = opts.timeout().toNanos();
  }

  /**
   * Evaluates an instant query.
   *
   * @throws QueryException when evaluation fails
   */
  public static QueryResult instant(
      SeriesSource source, QueryOptions opts, Expr expr, long timeMs, BooleanSupplier cancelled) {
    Evaluator ev = new Evaluator(source, opts, timeMs, timeMs, 0, cancelled);
    ev.plan(expr, timeMs, timeMs);
    ev.checkInterrupt();
    Val v = ev.eval(expr, timeMs);
    QueryResult.Value out;
    if (v instanceof Scalar s) {
      out = new QueryResult.Scalar(timeMs, s.v());
    } else if (v instanceof Str s) {
      out = new QueryResult.Text(timeMs, s.s());
    } else if (v instanceof Vec vec) {
      List<QueryResult.Sample> samples = new ArrayList<>(vec.samples().size());
      Set<Labels> seen = new HashSet<>();
      for (Sample s : vec.samples()) {
        Labels l = s.dropName() ? dropName(s.labels()) : s.labels();
        if (!seen.add(l)) {
          throw sameLabelset();
        }
        samples.add(new QueryResult.Sample(l, timeMs, s.v()));
      }
      out = new QueryResult.InstantVector(samples);
    } else {
      Mat m = (Mat) v;
      List<Series> series = new ArrayList<>();
      Set<Labels> seen = new HashSet<>();
      for (Window w : m.series()) {
        Labels l = w.dropName() ? dropName(w.labels()) : w.labels();
        if (!seen.add(l)) {
          throw sameLabelset();
        }
        long[] ts = java.util.Arrays.copyOfRange(w.ts(), w.from(), w.to());
        double[] vs = java.util.Arrays.copyOfRange(w.vs(), w.from(), w.to());
        series.add(Series.of(l, ts, vs));
      }
      series.sort(Comparator.comparing(Series::labels));
      out = new QueryResult.Matrix(series);
    }
    return new QueryResult(out, List.copyOf(ev.warnings), List.copyOf(ev.infos));
  }

  /**
   * Evaluates a range query: the expression at {@code start, start+step, ... <= end}.
   *
   * @throws QueryException when evaluation fails
   */
  public static QueryResult range(
      SeriesSource source,
      QueryOptions opts,
      Expr expr,
      long start,
      long end,
      long step,
      BooleanSupplier cancelled) {
    if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
      throw new QueryException(ErrorType.BAD_DATA, "invalid expression type \"" + expr.type().display()
          + "\" for range query, must be Scalar or instant Vector");
    }
    if (step <= 0) {
      throw new QueryException(ErrorType.BAD_DATA, "zero or negative query resolution step widths are not "
          + "accepted. Try a positive integer");
    }
    if (end < start) {
      throw new QueryException(ErrorType.BAD_DATA, "end timestamp must not be before start time");
    }
    Evaluator ev = new Evaluator(source, opts, start, end, step, cancelled);
    ev.plan(expr, start, end);
    LinkedHashMap<Labels, SeriesBuilder> out = new LinkedHashMap<>();
    long points = 0;
    for (long t = start; t <= end; t += step) {
      ev.checkInterrupt();
      ev.stepSamples = 0;
      Val v = ev.eval(expr, t);
      if (v instanceof Scalar s) {
        out.computeIfAbsent(Labels.EMPTY, k -> new SeriesBuilder(false)).add(t, s.v());
        points++;
      } else {
        for (Sample s : ((Vec) v).samples()) {
          SeriesBuilder b = out.computeIfAbsent(s.labels(), k -> new SeriesBuilder(s.dropName()));
          if (b.size > 0 && b.ts[b.size - 1] == t) {
            throw sameLabelset();
          }
          b.add(t, s.v());
          points++;
        }
      }
      if (points > opts.maxSamples()) {
        throw tooManySamples();
      }
    }
    // Delayed name removal: series that differ only by a dropped name merge unless they overlap in time.
    Map<Labels, java.util.TreeMap<Long, Double>> merged = new LinkedHashMap<>();
    for (Map.Entry<Labels, SeriesBuilder> e : out.entrySet()) {
      SeriesBuilder b = e.getValue();
      Labels l = b.dropName ? dropName(e.getKey()) : e.getKey();
      java.util.TreeMap<Long, Double> byTime = merged.computeIfAbsent(l, k -> new java.util.TreeMap<>());
      for (int i = 0; i < b.size; i++) {
        if (byTime.put(b.ts[i], b.vs[i]) != null) {
          throw sameLabelset();
        }
      }
    }
    List<Series> series = new ArrayList<>(merged.size());
    for (Map.Entry<Labels, java.util.TreeMap<Long, Double>> e : merged.entrySet()) {
      SeriesBuilder b = new SeriesBuilder(false);
      e.getValue().forEach(b::add);
      series.add(b.build(e.getKey()));
    }
    series.sort(Comparator.comparing(Series::labels));
    return new QueryResult(new QueryResult.Matrix(series), List.copyOf(ev.warnings), List.copyOf(ev.infos));
  }

  /** The metric name and the type/unit labels that travel with it ({@code __type__}, {@code __unit__}). */
  static final List<String> NAME_LABELS = List.of(Labels.METRIC_NAME, "__type__", "__unit__");

  /** Removes the metric name, and with it the type and unit labels. */
  static Labels dropName(Labels l) {
    return l.has(Labels.METRIC_NAME) || l.has("__type__") || l.has("__unit__") ? l.without(NAME_LABELS) : l;
  }

  static QueryException sameLabelset() {
    return new QueryException(ErrorType.EXECUTION, "vector cannot contain metrics with the same labelset");
  }

  private static QueryException tooManySamples() {
    return new QueryException(
        ErrorType.EXECUTION, "query processing would load too many samples into memory in query execution");
  }

  /** Growable (timestamp, value) list. */
  static final class SeriesBuilder {
    final boolean dropName;
    long[] ts = new long[8];
    double[] vs = new double[8];
    int size;

    SeriesBuilder(boolean dropName) {
      this.dropName = dropName;
    }

    void add(long t, double v) {
      if (size == ts.length) {
        ts = java.util.Arrays.copyOf(ts, size * 2);
        vs = java.util.Arrays.copyOf(vs, size * 2);
      }
      ts[size] = t;
      vs[size] = v;
      size++;
    }

    Series build(Labels l) {
      return Series.of(l, java.util.Arrays.copyOf(ts, size), java.util.Arrays.copyOf(vs, size));
    }
  }

  void checkInterrupt() {
    if (cancelled.getAsBoolean()) {
      throw new QueryException(ErrorType.CANCELED, "query was canceled in expression evaluation");
    }
    if (opts.nanoTicker().getAsLong() - startNanos > timeoutNanos) {
      throw new QueryException(ErrorType.TIMEOUT, "query timed out in expression evaluation");
    }
  }

  private void countSamples(long n) {
    stepSamples += n;
    if (stepSamples > opts.maxSamples()) {
      throw tooManySamples();
    }
  }

  // ---------------------------------------------------------------- planning and selection

  long atTime(At at, long t) {
    return switch (at.kind()) {
      case NONE -> t;
      case TIMESTAMP -> at.timestampMs();
      case START -> start;
      case END -> end;
    };
  }

  private void plan(Expr e, long s, long en) {
    if (e instanceof VectorSelector vs) {
      long ahead = vs.extension() == Expr.Extension.SMOOTHED ? lookback : 0;
      extend(vs, atTime(vs.at(), s) - vs.offsetMs() - lookback, atTime(vs.at(), en) - vs.offsetMs() + ahead);
    } else if (e instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      long behind = vs.extension() == Expr.Extension.NONE ? 0 : lookback;
      long ahead = vs.extension() == Expr.Extension.SMOOTHED ? lookback : 0;
      extend(vs, atTime(vs.at(), s) - vs.offsetMs() - ms.rangeMs() - behind,
          atTime(vs.at(), en) - vs.offsetMs() + ahead);
    } else if (e instanceof Subquery sq) {
      plan(sq.expr(), atTime(sq.at(), s) - sq.offsetMs() - sq.rangeMs(), atTime(sq.at(), en) - sq.offsetMs());
    } else if (e instanceof Paren p) {
      plan(p.expr(), s, en);
    } else if (e instanceof Unary u) {
      plan(u.expr(), s, en);
    } else if (e instanceof Binary b) {
      plan(b.lhs(), s, en);
      plan(b.rhs(), s, en);
    } else if (e instanceof Aggregate a) {
      plan(a.expr(), s, en);
      a.param().ifPresent(p -> plan(p, s, en));
    } else if (e instanceof Call c) {
      c.args().forEach(arg -> plan(arg, s, en));
    }
  }

  private void extend(VectorSelector vs, long mint, long maxt) {
    long[] r = ranges.get(vs);
    if (r == null) {
      ranges.put(vs, new long[] {mint, maxt});
    } else {
      r[0] = Math.min(r[0], mint);
      r[1] = Math.max(r[1], maxt);
    }
  }

  private List<Series> seriesFor(VectorSelector vs) {
    List<Series> s = selected.get(vs);
    if (s == null) {
      long[] r = ranges.get(vs);
      List<Series> got = source.select(r[0], r[1], vs.matchers());
      s = new ArrayList<>(got);
      for (int i = 1; i < s.size(); i++) {
        if (s.get(i - 1).labels().compareTo(s.get(i).labels()) > 0) {
          s.sort(Comparator.comparing(Series::labels));
          break;
        }
      }
      selected.put(vs, s);
    }
    return s;
  }

  private static QueryException histogramsUnsupported(Labels l) {
    return new QueryException(ErrorType.UNSUPPORTED, "native histogram samples are not supported (series " + l
        + ")");
  }

  List<Sample> selectVector(VectorSelector vs, long t) {
    checkInterrupt();
    long te = atTime(vs.at(), t) - vs.offsetMs();
    List<Series> all = seriesFor(vs);
    if (vs.extension() != Expr.Extension.NONE) {
      boolean smoothed = vs.extension() == Expr.Extension.SMOOTHED;
      List<Sample> out = new ArrayList<>();
      for (Series s : all) {
        Around a = around(s, te, te);
        if (a.before >= 0) {
          out.add(new Sample(s.labels(), smoothed ? a.valueAt(te, a.before, false) : a.vs[a.before], false));
        }
      }
      countSamples(out.size());
      return out;
    }
    List<Sample> out = new ArrayList<>();
    for (Series s : all) {
      if (s.hasHistogramIn(te - lookback + 1, te)) {
        throw histogramsUnsupported(s.labels());
      }
      int idx = s.indexAtOrBefore(te);
      if (idx < 0 || s.timestampAt(idx) <= te - lookback) {
        continue;
      }
      double v = s.valueAt(idx);
      if (Series.isStale(v)) {
        continue;
      }
      out.add(new Sample(s.labels(), v, false));
    }
    countSamples(out.size());
    return out;
  }

  /**
   * Info series for info(): for every series matching {@code matchers}, its latest non-stale sample within the
   * lookback before {@code t}. Native histogram samples there are an error: info metrics are floats.
   */
  List<Info.InfoSample> latestSamples(List<Matcher> matchers, long t) {
    checkInterrupt();
    List<Info.InfoSample> out = new ArrayList<>();
    for (Series s : source.select(t - lookback, t, matchers)) {
      if (s.hasHistogramIn(t - lookback + 1, t)) {
        throw new QueryException(ErrorType.EXECUTION, "info metric " + s.labels()
            + " has native histogram samples; info metrics must be floats");
      }
      int idx = s.indexAtOrBefore(t);
      if (idx >= 0 && s.timestampAt(idx) > t - lookback && !Series.isStale(s.valueAt(idx))) {
        out.add(Info.sample(s.labels(), s.timestampAt(idx)));
      }
    }
    countSamples(out.size());
    return out;
  }

  /** Timestamps (ms) of the samples {@link #selectVector} returns, in the same order. */
  long[] selectVectorTimestamps(VectorSelector vs, long t) {
    long te = atTime(vs.at(), t) - vs.offsetMs();
    List<Long> out = new ArrayList<>();
    for (Series s : seriesFor(vs)) {
      int idx = s.indexAtOrBefore(te);
      if (idx < 0 || s.timestampAt(idx) <= te - lookback || Series.isStale(s.valueAt(idx))) {
        continue;
      }
      out.add(s.timestampAt(idx));
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  List<Window> selectMatrix(MatrixSelector ms, long t) {
    checkInterrupt();
    long te = atTime(ms.selector().at(), t) - ms.selector().offsetMs();
    long ts0 = te - ms.rangeMs();
    List<Window> out = new ArrayList<>();
    long total = 0;
    for (Series s : seriesFor(ms.selector())) {
      if (s.hasHistogramIn(ts0 + 1, te)) {
        throw histogramsUnsupported(s.labels());
      }
      int lo = s.indexAtOrBefore(ts0) + 1;
      int hi = s.indexAtOrBefore(te) + 1;
      if (hi <= lo) {
        continue;
      }
      long[] ts = new long[hi - lo];
      double[] v = new double[hi - lo];
      int n = 0;
      for (int i = lo; i < hi; i++) {
        double x = s.valueAt(i);
        if (!Series.isStale(x)) {
          ts[n] = s.timestampAt(i);
          v[n] = x;
          n++;
        }
      }
      if (n > 0) {
        out.add(new Window(s.labels(), ts, v, 0, n, false));
        total += n;
      }
    }
    countSamples(total);
    return out;
  }

  /**
   * The non-stale samples of a series around {@code [from, to]}: within one lookback delta before {@code from}
   * and after {@code to}; {@code before} is the last one at or before {@code from}, {@code after} the first after
   * {@code to} (-1 when absent).
   */
  private final class Around {
    final long[] ts;
    final double[] vs;
    final int n;
    int before = -1;
    int after = -1;

    Around(long[] ts, double[] vs, int n) {
      this.ts = ts;
      this.vs = vs;
      this.n = n;
    }

    /** The value at {@code t}, interpolated from the samples at {@code i} and the next one when they straddle it. */
    double valueAt(long t, int i, boolean counter) {
      if (ts[i] == t || i + 1 >= n || ts[i] > t) {
        return vs[i];
      }
      double left = vs[i];
      double right = vs[i + 1];
      if (counter && right < left) {
        left = 0;
      }
      return left + (right - left) * (double) (t - ts[i]) / (double) (ts[i + 1] - ts[i]);
    }
  }

  private Around around(Series s, long from, long to) {
    if (s.hasHistogramIn(from - lookback + 1, to + lookback - 1)) {
      throw histogramsUnsupported(s.labels());
    }
    int lo = s.indexAtOrBefore(from - lookback) + 1;
    int hi = s.indexAtOrBefore(to + lookback - 1) + 1;
    int cap = Math.max(0, hi - lo);
    Around a = new Around(new long[cap], new double[cap], 0);
    int n = 0;
    for (int i = lo; i < hi; i++) {
      double v = s.valueAt(i);
      if (Series.isStale(v)) {
        continue;
      }
      a.ts[n] = s.timestampAt(i);
      a.vs[n] = v;
      if (a.ts[n] <= from) {
        a.before = n;
      } else if (a.ts[n] > to && a.after < 0) {
        a.after = n;
      }
      n++;
    }
    Around out = new Around(a.ts, a.vs, n);
    out.before = a.before;
    out.after = a.after;
    return out;
  }

  /** Builds one series' window from its samples around {@code [ts0, te]}; null for no result. */
  private interface WindowBuilder {
    Window build(Series s, Around a, long ts0, long te);
  }

  private List<Window> aroundWindows(MatrixSelector ms, long t, WindowBuilder builder) {
    checkInterrupt();
    long te = atTime(ms.selector().at(), t) - ms.selector().offsetMs();
    long ts0 = te - ms.rangeMs();
    List<Window> out = new ArrayList<>();
    long total = 0;
    for (Series s : seriesFor(ms.selector())) {
      Window w = builder.build(s, around(s, ts0, te), ts0, te);
      if (w != null) {
        out.add(w);
        total += w.size();
      }
    }
    countSamples(total);
    return out;
  }

  /**
   * A {@code smoothed} range: per series, the value at the window start, the samples inside {@code (start, end]}
   * and the value at the end, boundary values linearly interpolated (for counters, across a reset from zero).
   */
  List<Window> smoothedMatrix(MatrixSelector ms, long t, boolean counter) {
    return aroundWindows(ms, t, (s, a, ts0, te) -> {
      int firstInside = a.before + 1;
      int lastInside = (a.after >= 0 ? a.after : a.n) - 1;
      boolean anyInside = firstInside <= lastInside;
      if (!anyInside && (a.before < 0 || a.after < 0)) {
        return null;
      }
      double startV = a.before < 0 ? a.vs[firstInside] : a.valueAt(ts0, a.before, counter);
      int lastLe = anyInside ? lastInside : a.before;
      double endV = a.after < 0 ? a.vs[lastLe] : a.valueAt(te, lastLe, counter);
      int inside = anyInside ? lastInside - firstInside + 1 : 0;
      long[] ts = new long[inside + 2];
      double[] v = new double[inside + 2];
      ts[0] = ts0;
      v[0] = startV;
      if (inside > 0) {
        System.arraycopy(a.ts, firstInside, ts, 1, inside);
        System.arraycopy(a.vs, firstInside, v, 1, inside);
      }
      ts[inside + 1] = te;
      v[inside + 1] = endV;
      return new Window(s.labels(), ts, v, 0, inside + 2, false);
    });
  }

  /**
   * An {@code anchored} range: per series, the last sample at or before the window start (within the lookback; the
   * first sample inside when there is none) followed by the samples inside {@code (start, end]}. A series without a
   * sample inside has no result. {@code needsSamplesInside} false means the caller cannot decide that case.
   */
  List<Window> anchoredMatrix(MatrixSelector ms, long t, boolean needsSamplesInside) {
    return aroundWindows(ms, t, (s, a, ts0, te) -> {
      int firstInside = a.before + 1;
      int end = a.after >= 0 ? a.after : a.n;
      if (firstInside >= end) {
        if (a.before >= 0 && !needsSamplesInside) {
          throw new QueryException(ErrorType.UNSUPPORTED, "anchored range without samples inside the window but "
              + "with one at or before its start (series " + s.labels() + ")");
        }
        return null;
      }
      int anchor = a.before >= 0 ? a.before : firstInside;
      int n = end - firstInside + 1;
      long[] ts = new long[n];
      double[] v = new double[n];
      ts[0] = a.ts[anchor];
      v[0] = a.vs[anchor];
      System.arraycopy(a.ts, firstInside, ts, 1, n - 1);
      System.arraycopy(a.vs, firstInside, v, 1, n - 1);
      return new Window(s.labels(), ts, v, 0, n, false);
    });
  }

  List<Window> subquery(Subquery sq, long t) {
    long te = atTime(sq.at(), t) - sq.offsetMs();
    long stepMs = sq.stepMs() > 0 ? sq.stepMs() : opts.defaultSubqueryStep().toMillis();
    long mint = te - sq.rangeMs();
    long first = Math.floorDiv(mint, stepMs) * stepMs;
    if (first <= mint) {
      first += stepMs;
    }
    LinkedHashMap<Labels, SeriesBuilder> acc = new LinkedHashMap<>();
    long total = 0;
    for (long ts = first; ts <= te; ts += stepMs) {
      checkInterrupt();
      Val v = eval(sq.expr(), ts);
      for (Sample s : ((Vec) v).samples()) {
        SeriesBuilder b = acc.computeIfAbsent(s.labels(), k -> new SeriesBuilder(s.dropName()));
        if (b.size > 0 && b.ts[b.size - 1] == ts) {
          throw sameLabelset();
        }
        b.add(ts, s.v());
        total++;
      }
    }
    countSamples(total);
    List<Window> out = new ArrayList<>(acc.size());
    for (Map.Entry<Labels, SeriesBuilder> e : acc.entrySet()) {
      SeriesBuilder b = e.getValue();
      out.add(new Window(e.getKey(), b.ts, b.vs, 0, b.size, b.dropName));
    }
    return out;
  }

  // ---------------------------------------------------------------- evaluation

  Val eval(Expr e, long t) {
    if (e instanceof NumberLiteral n) {
      return new Scalar(n.value());
    } else if (e instanceof StringLiteral str) {
      return new Str(str.value());
    } else if (e instanceof Paren p) {
      return eval(p.expr(), t);
    } else if (e instanceof VectorSelector vs) {
      return new Vec(selectVector(vs, t));
    } else if (e instanceof MatrixSelector ms) {
      return new Mat(selectMatrix(ms, t));
    } else if (e instanceof Subquery sq) {
      return new Mat(subquery(sq, t));
    } else if (e instanceof Unary u) {
      return negate(eval(u.expr(), t));
    } else if (e instanceof Binary b) {
      return binary(b, t);
    } else if (e instanceof Aggregate a) {
      return Aggregations.aggregate(this, a, t);
    } else {
      return Functions.call(this, (Call) e, t);
    }
  }

  private static Val negate(Val v) {
    if (v instanceof Scalar s) {
      return new Scalar(-s.v());
    }
    List<Sample> in = ((Vec) v).samples();
    List<Sample> out = new ArrayList<>(in.size());
    for (Sample s : in) {
      out.add(new Sample(s.labels(), -s.v(), true));
    }
    return new Vec(out);
  }

  private Val binary(Binary b, long t) {
    Val l = eval(b.lhs(), t);
    Val r = eval(b.rhs(), t);
    BinaryOp op = b.op();
    if (l instanceof Scalar ls && r instanceof Scalar rs) {
      double v = scalarOp(op, ls.v(), rs.v());
      if (op.isComparison()) {
        v = compare(op, ls.v(), rs.v()) ? 1 : 0;
      }
      return new Scalar(v);
    }
    if (l instanceof Vec lv && r instanceof Scalar rs) {
      return vectorScalar(op, lv.samples(), rs.v(), false, b.returnBool());
    }
    if (l instanceof Scalar ls && r instanceof Vec rv) {
      return vectorScalar(op, rv.samples(), ls.v(), true, b.returnBool());
    }
    List<Sample> lhs = ((Vec) l).samples();
    List<Sample> rhs = ((Vec) r).samples();
    return switch (op) {
      case AND -> and(lhs, rhs, b.matching(), false);
      case UNLESS -> and(lhs, rhs, b.matching(), true);
      case OR -> or(lhs, rhs, b.matching());
      default -> vectorVector(op, lhs, rhs, b.matching(), b.returnBool());
    };
  }

  static boolean compare(BinaryOp op, double l, double r) {
    return switch (op) {
      case EQL -> l == r;
      case NEQ -> l != r;
      case GTR -> l > r;
      case LSS -> l < r;
      case GTE -> l >= r;
      case LTE -> l <= r;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  static double scalarOp(BinaryOp op, double l, double r) {
    return switch (op) {
      case ADD -> l + r;
      case SUB -> l - r;
      case MUL -> l * r;
      case DIV -> l / r;
      case MOD -> l % r;
      case POW -> GoMath.pow(l, r);
      case ATAN2 -> Math.atan2(l, r);
      case EQL, NEQ, GTR, LSS, GTE, LTE -> l;
      default -> throw new IllegalStateException("not an arithmetic operator: " + op);
    };
  }

  private static boolean isArithmetic(BinaryOp op) {
    return !op.isComparison() && !op.isSetOperator();
  }

  private Val vectorScalar(BinaryOp op, List<Sample> vec, double scalar, boolean swap, boolean returnBool) {
    List<Sample> out = new ArrayList<>(vec.size());
    boolean drop = isArithmetic(op) || returnBool;
    for (Sample s : vec) {
      double lv = swap ? scalar : s.v();
      double rv = swap ? s.v() : scalar;
      double value;
      boolean keep = true;
      if (op.isComparison()) {
        keep = compare(op, lv, rv);
        value = s.v();
      } else {
        value = scalarOp(op, lv, rv);
      }
      if (returnBool) {
        value = keep ? 1 : 0;
        keep = true;
      }
      if (keep) {
        out.add(new Sample(s.labels(), value, s.dropName() || drop));
      }
    }
    return new Vec(out);
  }

  static Labels matchKey(Labels l, VectorMatching m) {
    if (m.on()) {
      return l.keep(m.labels());
    }
    List<String> ignore = new ArrayList<>(m.labels().size() + 1);
    ignore.addAll(m.labels());
    ignore.addAll(NAME_LABELS);
    return l.without(ignore);
  }

  private static Val and(List<Sample> lhs, List<Sample> rhs, VectorMatching m, boolean unless) {
    Set<Labels> right = new HashSet<>();
    for (Sample s : rhs) {
      right.add(matchKey(s.labels(), m));
    }
    List<Sample> out = new ArrayList<>();
    for (Sample s : lhs) {
      if (right.contains(matchKey(s.labels(), m)) != unless) {
        out.add(s);
      }
    }
    return new Vec(out);
  }

  private static Val or(List<Sample> lhs, List<Sample> rhs, VectorMatching m) {
    Set<Labels> left = new HashSet<>();
    List<Sample> out = new ArrayList<>(lhs);
    for (Sample s : lhs) {
      left.add(matchKey(s.labels(), m));
    }
    for (Sample s : rhs) {
      if (!left.contains(matchKey(s.labels(), m))) {
        out.add(s);
      }
    }
    return new Vec(out);
  }

  private Val vectorVector(
      BinaryOp op, List<Sample> lhs, List<Sample> rhs, VectorMatching m, boolean returnBool) {
    boolean oneToMany = m.cardinality() == Cardinality.ONE_TO_MANY;
    if (oneToMany) {
      List<Sample> tmp = lhs;
      lhs = rhs;
      rhs = tmp;
    }
    Map<Labels, Sample> rightSigs = new HashMap<>();
    for (Sample rs : rhs) {
      Labels sig = matchKey(rs.labels(), m);
      Sample dup = rightSigs.put(sig, rs);
      if (dup != null) {
        throw new QueryException(ErrorType.EXECUTION, "found duplicate series for the match group "
            + PromFormat.labels(sig) + " on the " + (oneToMany ? "left" : "right")
            + " hand-side of the operation: [" + PromFormat.labels(rs.labels()) + ", "
            + PromFormat.labels(dup.labels())
            + "];many-to-many matching not allowed: matching labels must be unique on one side");
      }
    }
    Map<Labels, Set<Labels>> matched = new HashMap<>();
    List<Sample> out = new ArrayList<>();
    boolean drop = isArithmetic(op) || returnBool;
    for (Sample ls : lhs) {
      Labels sig = matchKey(ls.labels(), m);
      Sample rs = rightSigs.get(sig);
      if (rs == null) {
        continue;
      }
      Elem el = elem(op, oneToMany ? rs.v() : ls.v(), oneToMany ? ls.v() : rs.v());
      double value = el.value();
      boolean keep = el.keep();
      Labels metric = resultMetric(ls.labels(), rs.labels(), m);
      Set<Labels> inserted = matched.get(sig);
      if (m.cardinality() == Cardinality.ONE_TO_ONE) {
        if (inserted != null) {
          throw new QueryException(ErrorType.EXECUTION,
              "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
        }
        matched.put(sig, Set.of());
      } else {
        if (inserted == null) {
          inserted = new HashSet<>();
          matched.put(sig, inserted);
        }
        Labels key = drop ? dropName(metric) : metric;
        if (!inserted.add(key)) {
          throw new QueryException(ErrorType.EXECUTION, "multiple matches for matching labels "
              + PromFormat.labels(sig) + " on the " + (oneToMany ? "right" : "left")
              + " hand-side of the operation: many-to-one matching must be explicit; matching labels must be"
              + " unique on one side");
        }
      }
      if (returnBool) {
        value = keep ? 1 : 0;
      } else if (!keep) {
        continue;
      }
      out.add(new Sample(metric, value, ls.dropName() || drop));
    }
    if (m.fillRight().isPresent() || m.fillLeft().isPresent()) {
      fill(op, lhs, rhs, m, returnBool, rightSigs, out);
    }
    return new Vec(out);
  }

  /**
   * The fill modifiers: a missing right-hand sample takes {@code fill_right}'s value, a right-hand match group with no
   * left-hand sample takes {@code fill_left}'s (sides as matched, i.e. swapped for group_right).
   */
  private static void fill(BinaryOp op, List<Sample> lhs, List<Sample> rhs, VectorMatching m, boolean returnBool,
      Map<Labels, Sample> rightSigs, List<Sample> out) {
    boolean oneToMany = m.cardinality() == Cardinality.ONE_TO_MANY;
    boolean drop = isArithmetic(op) || returnBool;
    Set<Labels> leftSigs = new HashSet<>();
    for (Sample ls : lhs) {
      Labels sig = matchKey(ls.labels(), m);
      leftSigs.add(sig);
      if (m.fillRight().isPresent() && !rightSigs.containsKey(sig)) {
        double other = m.fillRight().getAsDouble();
        Sample r = fillOne(op, oneToMany ? other : ls.v(), oneToMany ? ls.v() : other, returnBool,
            resultMetric(ls.labels(), Labels.EMPTY, m), ls.dropName() || drop);
        if (r != null) {
          out.add(r);
        }
      }
    }
    if (m.fillLeft().isPresent()) {
      for (Map.Entry<Labels, Sample> e : rightSigs.entrySet()) {
        if (leftSigs.contains(e.getKey())) {
          continue;
        }
        double other = m.fillLeft().getAsDouble();
        double rv = e.getValue().v();
        Sample r = fillOne(op, oneToMany ? rv : other, oneToMany ? other : rv, returnBool, e.getKey(), drop);
        if (r != null) {
          out.add(r);
        }
      }
    }
  }

  private static Sample fillOne(BinaryOp op, double fl, double fr, boolean returnBool, Labels metric,
      boolean dropName) {
    Elem el = elem(op, fl, fr);
    if (returnBool) {
      return new Sample(metric, el.keep() ? 1 : 0, dropName);
    }
    return el.keep() ? new Sample(metric, el.value(), dropName) : null;
  }

  /** The result of one element-wise operation: comparisons keep the left value and say whether it passes. */
  private record Elem(double value, boolean keep) {}

  private static Elem elem(BinaryOp op, double fl, double fr) {
    return op.isComparison() ? new Elem(fl, compare(op, fl, fr)) : new Elem(scalarOp(op, fl, fr), true);
  }

  private static Labels resultMetric(Labels lhs, Labels rhs, VectorMatching m) {
    Labels out = lhs;
    if (m.cardinality() == Cardinality.ONE_TO_ONE) {
      out = m.on() ? keepWithName(out, m.labels()) : out.without(m.labels());
    }
    for (String ln : m.include()) {
      out = out.with(ln, rhs.get(ln));
    }
    return out;
  }

  /** {@code on(...)} keeps only the matching labels; the metric name goes too. */
  private static Labels keepWithName(Labels l, List<String> names) {
    return l.keep(names);
  }

  /** Parameters and helpers for functions and aggregations. */
  double scalarArg(Expr e, long t) {
    Val v = eval(e, t);
    return ((Scalar) v).v();
  }

  String stringArg(Expr e, long t) {
    return ((Str) eval(e, t)).s();
  }

  void warn(String msg) {
    warnings.add("PromQL warning: " + msg);
  }

  void info(String msg) {
    infos.add("PromQL info: " + msg);
  }

  boolean isRangeQuery() {
    return step > 0 && end > start;
  }
}
