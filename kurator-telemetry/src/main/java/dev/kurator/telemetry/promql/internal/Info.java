package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.QueryException;
import dev.kurator.telemetry.promql.QueryException.ErrorType;
import dev.kurator.telemetry.promql.internal.Evaluator.Sample;
import dev.kurator.telemetry.promql.internal.Evaluator.Val;
import dev.kurator.telemetry.promql.internal.Evaluator.Vec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code info(v, [data-label selector])}: adds the data labels of info series ({@code target_info} unless the
 * selector names others) that share the identifying labels {@code instance} and {@code job} with each series.
 */
final class Info {
  private Info() {}

  private static final List<String> IDENTIFYING = List.of("instance", "job");

  /** An info series' labels and the time of its sample at the evaluation time. */
  record InfoSample(Labels labels, long ts) {}

  static Val eval(Evaluator ev, List<Expr> args, long t) {
    List<Sample> base = Functions.vec(ev, args.get(0), t);
    List<Matcher> nameMatchers = new ArrayList<>();
    List<Matcher> dataMatchers = new ArrayList<>();
    if (args.size() > 1) {
      Expr sel = args.get(1);
      while (sel instanceof Expr.Paren p) {
        sel = p.expr();
      }
      if (!(sel instanceof VectorSelector vs)) {
        throw new QueryException(ErrorType.EXECUTION, "info(): the second argument must be a vector selector");
      }
      for (Matcher m : vs.matchers()) {
        (m.name().equals(Labels.METRIC_NAME) ? nameMatchers : dataMatchers).add(m);
      }
    }
    boolean positiveName = nameMatchers.stream()
        .anyMatch(m -> m.type() == Matcher.Type.EQUAL || m.type() == Matcher.Type.REGEX);
    List<Matcher> infoNames = new ArrayList<>(nameMatchers);
    if (nameMatchers.isEmpty()) {
      infoNames.add(Matcher.equal(Labels.METRIC_NAME, "target_info"));
    } else if (!positiveName) {
      infoNames.add(Matcher.regex(Labels.METRIC_NAME, ".+_info"));
    }
    List<Matcher> selectInfo = new ArrayList<>(infoNames);
    selectInfo.addAll(dataMatchers);
    List<InfoSample> infos = ev.latestSamples(selectInfo, t);
    boolean dataRequired = dataMatchers.stream().anyMatch(m -> !m.matchesEmpty());
    List<Sample> out = new ArrayList<>(base.size());
    for (Sample s : base) {
      if (infoNames.stream().allMatch(m -> m.matches(s.labels()))) {
        out.add(s);
        continue;
      }
      // per info metric name, the most recent matching series
      Map<String, InfoSample> byName = new TreeMap<>();
      for (InfoSample info : infos) {
        if (identifyingMatch(s.labels(), info.labels())) {
          byName.merge(info.labels().metricName(), info, (a, b) -> b.ts() > a.ts() ? b : a);
        }
      }
      if (byName.isEmpty()) {
        if (!dataRequired) {
          out.add(s);
        }
        continue;
      }
      Map<String, String> added = new LinkedHashMap<>();
      for (InfoSample info : byName.values()) {
        for (int i = 0; i < info.labels().size(); i++) {
          String name = info.labels().name(i);
          if (name.equals(Labels.METRIC_NAME) || IDENTIFYING.contains(name)) {
            continue;
          }
          if (!dataMatchers.isEmpty() && dataMatchers.stream().noneMatch(m -> m.name().equals(name))) {
            continue;
          }
          String value = info.labels().value(i);
          String prev = added.put(name, value);
          if (prev != null && !prev.equals(value)) {
            throw new QueryException(ErrorType.EXECUTION, "conflicting label: " + name + " has values \"" + prev
                + "\" and \"" + value + "\" in different info metrics");
          }
        }
      }
      Labels l = s.labels();
      for (Map.Entry<String, String> e : added.entrySet()) {
        if (!l.has(e.getKey())) {
          l = l.with(e.getKey(), e.getValue());
        }
      }
      out.add(new Sample(l, s.v(), s.dropName()));
    }
    return new Vec(out);
  }

  private static boolean identifyingMatch(Labels base, Labels info) {
    boolean any = false;
    for (String l : IDENTIFYING) {
      String iv = info.get(l);
      if (iv.isEmpty()) {
        continue;
      }
      if (!iv.equals(base.get(l))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  static InfoSample sample(Labels l, long ts) {
    return new InfoSample(l, ts);
  }
}
