package dev.kurator.telemetry.promql.conformance;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.ParseException;
import dev.kurator.telemetry.promql.PromqlEngine;
import dev.kurator.telemetry.promql.QueryException;
import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.QueryResult;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.internal.GoMath;
import dev.kurator.telemetry.promql.internal.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs scripts in Prometheus's promqltest language ({@code load}, {@code clear}, {@code eval}, {@code expect ...},
 * Thanos's {@code store}) against {@link PromqlEngine}, counting each eval command as passed, failed or unsupported.
 */
final class ScriptRunner {

  /** Outcome of one eval command. */
  enum Verdict {
    PASSED,
    FAILED,
    UNSUPPORTED
  }

  /** One eval outcome with its location and detail. */
  record Outcome(String file, int line, String query, Verdict verdict, String detail) {}

  private static final double EPSILON = 1e-6;
  private static final Pattern LOAD = Pattern.compile("^load(_with_nhcb)?\\s+(\\S+)$");
  private static final Pattern EVAL_INSTANT =
      Pattern.compile("^eval(?:_(fail|warn|info|ordered))?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
  private static final Pattern EVAL_RANGE = Pattern.compile(
      "^eval(?:_(fail|warn|info|ordered))?\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
  private static final Pattern STORE = Pattern.compile("^store\\s+(\\{.*\\})\\s+(\\S+)\\s+(\\S+)$");
  private static final Pattern EXPECT =
      Pattern.compile("^expect\\s+(fail|warn|info|no_warn|no_info|ordered)(?:\\s+(msg|regex)\\s*:\\s?(.*))?$");
  private static final Pattern EXPECT_RANGE =
      Pattern.compile("^expect\\s+range\\s+vector\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)$");

  private final PromqlEngine engine = PromqlEngine.create(QueryOptions.DEFAULTS);
  private final ScriptStorage storage = new ScriptStorage();
  private final List<Outcome> outcomes = new ArrayList<>();

  List<Outcome> outcomes() {
    return outcomes;
  }

  void runFile(Path file) throws IOException {
    storage.clear();
    String name = file.getFileName().toString();
    Path parent = file.getParent();
    if (parent != null && parent.getFileName() != null && !parent.getFileName().toString().equals("promql")) {
      name = parent.getFileName() + "/" + name;
    }
    List<String> raw = Files.readAllLines(file);
    List<String> lines = new ArrayList<>(raw.size());
    for (String l : raw) {
      String s = l.strip();
      lines.add(s.startsWith("#") ? "" : s);
    }
    int i = 0;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (l.isEmpty()) {
        i++;
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).isEmpty()) {
        end++;
      }
      List<String> body = lines.subList(i + 1, end);
      if (l.equals("clear")) {
        storage.clear();
        end = i + 1;
      } else if (l.startsWith("load") || l.startsWith("store")) {
        try {
          if (l.startsWith("load")) {
            load(l, body);
          } else {
            store(l);
            end = i + 1;
          }
        } catch (RuntimeException e) {
          outcomes.add(new Outcome(name, i + 1, l, Verdict.FAILED, "cannot apply command: " + e));
        }
      } else if (l.startsWith("eval")) {
        outcomes.add(eval(name, i + 1, l, body));
      } else {
        outcomes.add(new Outcome(name, i + 1, l, Verdict.FAILED, "unknown command: " + l));
      }
      i = end;
    }
  }

  // ------------------------------------------------------------------------------- commands

  private void store(String line) {
    java.util.regex.Matcher m = STORE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad store command: " + line);
    }
    storage.newStore(duration(m.group(2)), duration(m.group(3)));
  }

  private void load(String line, List<String> body) {
    java.util.regex.Matcher m = LOAD.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad load command: " + line);
    }
    boolean nhcb = m.group(1) != null;
    long interval = duration(m.group(2));
    for (String def : body) {
      Map.Entry<Labels, List<Value>> series = parseSeries(def);
      Labels labels = series.getKey();
      List<Value> vals = series.getValue();
      for (int k = 0; k < vals.size(); k++) {
        Value v = vals.get(k);
        long t = k * interval;
        if (v.kind == ValueKind.FLOAT || v.kind == ValueKind.STALE) {
          storage.addFloat(labels, t, v.value);
        } else if (v.kind == ValueKind.HISTOGRAM) {
          storage.addHistogram(labels, t);
        }
        if (nhcb && v.kind != ValueKind.OMITTED && labels.metricName().endsWith("_bucket")) {
          String base = labels.metricName().substring(0, labels.metricName().length() - "_bucket".length());
          storage.addHistogram(labels.without(List.of("le")).with(Labels.METRIC_NAME, base), t);
        }
      }
    }
  }

  /** Expectations of one eval command. */
  private static final class Expectations {
    boolean fail;
    String failMsg;
    Pattern failRegex;
    boolean ordered;
    boolean warn;
    boolean info;
    boolean noWarn;
    boolean noInfo;
    final List<String> warnMsgs = new ArrayList<>();
    final List<Pattern> warnRegexes = new ArrayList<>();
    final List<String> infoMsgs = new ArrayList<>();
    final List<Pattern> infoRegexes = new ArrayList<>();
    String string;
    long[] rangeVector;
    Double scalar;
    final LinkedHashMap<Labels, List<Value>> series = new LinkedHashMap<>();
    boolean histogram;
  }

  private Outcome eval(String file, int lineNo, String line, List<String> body) {
    java.util.regex.Matcher mi = EVAL_INSTANT.matcher(line);
    java.util.regex.Matcher mr = EVAL_RANGE.matcher(line);
    String legacy;
    String query;
    boolean instant;
    long at = 0;
    long start = 0;
    long end = 0;
    long step = 0;
    if (mi.matches()) {
      instant = true;
      legacy = mi.group(1);
      at = duration(mi.group(2));
      query = mi.group(3);
    } else if (mr.matches()) {
      instant = false;
      legacy = mr.group(1);
      start = duration(mr.group(2));
      end = duration(mr.group(3));
      step = duration(mr.group(4));
      query = mr.group(5);
    } else {
      return new Outcome(file, lineNo, line, Verdict.FAILED, "cannot parse eval command");
    }
    Expectations ex = new Expectations();
    if (legacy != null) {
      switch (legacy) {
        case "fail" -> ex.fail = true;
        case "warn" -> ex.warn = true;
        case "info" -> ex.info = true;
        default -> ex.ordered = true;
      }
    }
    try {
      parseExpectations(body, ex, instant);
    } catch (RuntimeException e) {
      return new Outcome(file, lineNo, query, Verdict.FAILED, "bad expectation: " + e.getMessage());
    }
    if (ex.histogram) {
      return new Outcome(file, lineNo, query, Verdict.UNSUPPORTED, "expects native histogram samples");
    }
    QueryResult result;
    try {
      Expr expr = instant ? Expr.parse(query, 0, 0) : Expr.parse(query, step, end - start);
      result = instant
          ? engine.instantQuery(storage, expr, at, () -> false)
          : engine.rangeQuery(storage, expr, start, end, step, () -> false);
    } catch (QueryException e) {
      if (e.errorType() == QueryException.ErrorType.UNSUPPORTED) {
        return new Outcome(file, lineNo, query, Verdict.UNSUPPORTED, reason(e.getMessage()));
      }
      return failure(file, lineNo, query, ex, e.getMessage());
    } catch (ParseException e) {
      if (e.unsupportedFeature()) {
        return new Outcome(file, lineNo, query, Verdict.UNSUPPORTED, e.getMessage().replaceFirst("^\\d+:\\d+: ", ""));
      }
      return failure(file, lineNo, query, ex, e.getMessage());
    } catch (RuntimeException e) {
      return new Outcome(file, lineNo, query, Verdict.FAILED, "engine threw " + e);
    }
    if (ex.fail) {
      return new Outcome(file, lineNo, query, Verdict.FAILED, "expected an error, got a result");
    }
    String annotationProblem = checkAnnotations(ex, result);
    if (annotationProblem != null) {
      return new Outcome(file, lineNo, query, Verdict.FAILED, annotationProblem);
    }
    String diff = compare(ex, result, instant, start, step);
    return diff == null
        ? new Outcome(file, lineNo, query, Verdict.PASSED, "")
        : new Outcome(file, lineNo, query, Verdict.FAILED, diff);
  }

  private static String reason(String message) {
    if (message.startsWith("native histogram")) {
      return "native histogram samples";
    }
    return message;
  }

  private static Outcome failure(String file, int lineNo, String query, Expectations ex, String msg) {
    if (!ex.fail) {
      return new Outcome(file, lineNo, query, Verdict.FAILED, "unexpected error: " + msg);
    }
    if (ex.failMsg != null && !ex.failMsg.equals(msg)) {
      return new Outcome(file, lineNo, query, Verdict.FAILED,
          "error message \"" + msg + "\" differs from expected \"" + ex.failMsg + "\"");
    }
    if (ex.failRegex != null && !ex.failRegex.matcher(msg).find()) {
      return new Outcome(file, lineNo, query, Verdict.FAILED,
          "error message \"" + msg + "\" does not match /" + ex.failRegex + "/");
    }
    return new Outcome(file, lineNo, query, Verdict.PASSED, "");
  }

  private static String checkAnnotations(Expectations ex, QueryResult r) {
    String w = checkKind("warn", ex.warn, ex.noWarn, ex.warnMsgs, ex.warnRegexes, r.warnings());
    return w != null ? w : checkKind("info", ex.info, ex.noInfo, ex.infoMsgs, ex.infoRegexes, r.infos());
  }

  private static String checkKind(
      String kind, boolean expected, boolean none, List<String> msgs, List<Pattern> regexes, List<String> got) {
    if (none && !got.isEmpty()) {
      return "unexpected " + kind + " annotations: " + got;
    }
    if (!expected) {
      return null;
    }
    if (got.isEmpty()) {
      return "expected " + kind + " annotations but got none";
    }
    for (String m : msgs) {
      if (!got.contains(m)) {
        return "expected " + kind + " \"" + m + "\", got " + got;
      }
    }
    for (Pattern p : regexes) {
      if (got.stream().noneMatch(g -> p.matcher(g).find())) {
        return "expected " + kind + " matching /" + p + "/, got " + got;
      }
    }
    if (!msgs.isEmpty() || !regexes.isEmpty()) {
      for (String g : got) {
        if (!msgs.contains(g) && regexes.stream().noneMatch(p -> p.matcher(g).find())) {
          return "unexpected " + kind + " annotation: " + g;
        }
      }
    }
    return null;
  }

  private void parseExpectations(List<String> body, Expectations ex, boolean instant) {
    for (String def : body) {
      if (def.startsWith("expected_fail_message")) {
        ex.failMsg = def.substring("expected_fail_message".length()).strip();
        continue;
      }
      if (def.startsWith("expected_fail_regexp")) {
        ex.failRegex = Pattern.compile(def.substring("expected_fail_regexp".length()).strip());
        continue;
      }
      if (def.startsWith("expect ")) {
        java.util.regex.Matcher r = EXPECT_RANGE.matcher(def);
        if (r.matches()) {
          ex.rangeVector = new long[] {duration(r.group(1)), duration(r.group(2)), duration(r.group(3))};
          continue;
        }
        if (def.startsWith("expect string")) {
          ex.string = unquote(def.substring("expect string".length()).strip());
          continue;
        }
        java.util.regex.Matcher m = EXPECT.matcher(def);
        if (!m.matches()) {
          throw new IllegalArgumentException("unknown expectation: " + def);
        }
        String type = m.group(1);
        String how = m.group(2);
        String text = m.group(3) == null ? null : m.group(3).strip();
        switch (type) {
          case "fail" -> {
            ex.fail = true;
            if ("msg".equals(how)) {
              ex.failMsg = unquoteOptional(text);
            } else if ("regex".equals(how)) {
              ex.failRegex = Pattern.compile(unquoteOptional(text));
            }
          }
          case "warn" -> {
            ex.warn = true;
            addMessage(how, text, ex.warnMsgs, ex.warnRegexes);
          }
          case "info" -> {
            ex.info = true;
            addMessage(how, text, ex.infoMsgs, ex.infoRegexes);
          }
          case "no_warn" -> ex.noWarn = true;
          case "no_info" -> ex.noInfo = true;
          default -> ex.ordered = true;
        }
        continue;
      }
      if (def.contains("{{")) {
        ex.histogram = true;
        continue;
      }
      Double number = parseNumberOrNull(def);
      if (number != null) {
        ex.scalar = number;
        continue;
      }
      Map.Entry<Labels, List<Value>> s = parseSeries(def);
      if (s.getValue().stream().anyMatch(v -> v.kind == ValueKind.HISTOGRAM)) {
        ex.histogram = true;
      }
      if (instant && ex.rangeVector == null && s.getValue().size() > 1) {
        throw new IllegalArgumentException("expecting multiple values in instant evaluation not allowed");
      }
      ex.series.put(s.getKey(), s.getValue());
    }
  }

  private static void addMessage(String how, String text, List<String> msgs, List<Pattern> regexes) {
    if ("msg".equals(how)) {
      msgs.add(text);
    } else if ("regex".equals(how)) {
      regexes.add(Pattern.compile(text));
    }
  }

  private static String unquoteOptional(String s) {
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }

  private static String unquote(String s) {
    Expr e = Expr.parse(s);
    if (e instanceof Expr.StringLiteral str) {
      return str.value();
    }
    throw new IllegalArgumentException("not a string literal: " + s);
  }

  // ------------------------------------------------------------------------------- comparison

  private String compare(Expectations ex, QueryResult r, boolean instant, long start, long step) {
    QueryResult.Value v = r.value();
    if (ex.string != null) {
      if (!(v instanceof QueryResult.Text t)) {
        return "expected string \"" + ex.string + "\", got " + describe(v);
      }
      return t.value().equals(ex.string) ? null : "expected string \"" + ex.string + "\", got \"" + t.value() + "\"";
    }
    if (ex.scalar != null) {
      if (!(v instanceof QueryResult.Scalar s)) {
        return "expected scalar " + ex.scalar + ", got " + describe(v);
      }
      return equal(ex.scalar, s.value()) ? null : "expected scalar " + ex.scalar + ", got " + s.value();
    }
    if (v instanceof QueryResult.Scalar s) {
      if (ex.series.isEmpty()) {
        return "expected no result, got scalar " + s.value();
      }
      return "expected a vector, got scalar " + s.value();
    }
    if (v instanceof QueryResult.Text t) {
      return "expected a vector, got string \"" + t.value() + "\"";
    }
    if (instant && v instanceof QueryResult.InstantVector iv) {
      return compareVector(ex, iv.samples());
    }
    if (v instanceof QueryResult.Matrix m) {
      long s0 = start;
      long st = step;
      if (instant) {
        if (ex.rangeVector == null) {
          return "got a range vector but the test expects an instant result";
        }
        s0 = ex.rangeVector[0];
        st = ex.rangeVector[2];
      }
      return compareMatrix(ex, m.series(), s0, st);
    }
    return "unexpected result type " + describe(v);
  }

  private static String describe(QueryResult.Value v) {
    return v.getClass().getSimpleName();
  }

  private static String compareVector(Expectations ex, List<QueryResult.Sample> got) {
    Map<Labels, Integer> position = new HashMap<>();
    int idx = 0;
    for (Labels l : ex.series.keySet()) {
      position.put(l, idx++);
    }
    for (int i = 0; i < got.size(); i++) {
      QueryResult.Sample s = got.get(i);
      List<Value> exp = ex.series.get(s.labels());
      if (exp == null) {
        return "unexpected metric " + s.labels() + " in result, with value " + s.value();
      }
      if (ex.ordered && position.get(s.labels()) != i) {
        return "expected metric " + s.labels() + " with value " + s.value() + " at position "
            + position.get(s.labels()) + " but was at " + i;
      }
      Value e = exp.get(0);
      if (e.kind != ValueKind.FLOAT || !equal(e.value, s.value())) {
        return "expected " + e + " for " + s.labels() + " but got " + s.value();
      }
    }
    if (got.size() != ex.series.size()) {
      List<Labels> missing = new ArrayList<>(ex.series.keySet());
      got.forEach(s -> missing.remove(s.labels()));
      return "expected " + ex.series.size() + " samples, got " + got.size() + "; missing " + missing;
    }
    return null;
  }

  private static String compareMatrix(Expectations ex, List<Series> got, long start, long step) {
    Map<Labels, Series> byLabels = new TreeMap<>();
    for (Series s : got) {
      byLabels.put(s.labels(), s);
    }
    for (Series s : got) {
      if (!ex.series.containsKey(s.labels())) {
        return "unexpected metric " + s.labels() + " in result, with " + s.size() + " points";
      }
    }
    for (Map.Entry<Labels, List<Value>> e : ex.series.entrySet()) {
      Series s = byLabels.get(e.getKey());
      if (s == null) {
        return "expected metric " + e.getKey() + " not found in result";
      }
      TreeMap<Long, Value> expected = new TreeMap<>();
      List<Value> vals = e.getValue();
      for (int k = 0; k < vals.size(); k++) {
        if (vals.get(k).kind != ValueKind.OMITTED) {
          expected.put(start + k * step, vals.get(k));
        }
      }
      if (expected.size() != s.size()) {
        return "expected " + expected.size() + " points for " + e.getKey() + ", got " + s.size() + ": " + s;
      }
      int k = 0;
      for (Map.Entry<Long, Value> p : expected.entrySet()) {
        if (s.timestampAt(k) != p.getKey()) {
          return "expected point at t=" + p.getKey() + " for " + e.getKey() + ", got t=" + s.timestampAt(k);
        }
        Value want = p.getValue();
        double have = s.valueAt(k);
        boolean ok = want.kind == ValueKind.STALE ? Series.isStale(have) : equal(want.value, have);
        if (!ok) {
          return "expected " + want + " at t=" + p.getKey() + " for " + e.getKey() + ", got " + have;
        }
        k++;
      }
    }
    if (got.size() != ex.series.size()) {
      return "expected " + ex.series.size() + " series, got " + got.size();
    }
    return null;
  }

  static boolean equal(double want, double have) {
    if (Series.isStale(want) || Series.isStale(have)) {
      return Series.isStale(want) && Series.isStale(have);
    }
    return GoMath.almostEqual(want, have, EPSILON);
  }

  // ------------------------------------------------------------------------------- series notation

  enum ValueKind {
    FLOAT,
    OMITTED,
    STALE,
    HISTOGRAM
  }

  /** One expanded value of the series notation. */
  static final class Value {
    final ValueKind kind;
    final double value;

    Value(ValueKind kind, double value) {
      this.kind = kind;
      this.value = value;
    }

    @Override
    public String toString() {
      return switch (kind) {
        case FLOAT -> Double.toString(value);
        case OMITTED -> "_";
        case STALE -> "stale";
        case HISTOGRAM -> "{{histogram}}";
      };
    }
  }

  static Map.Entry<Labels, List<Value>> parseSeries(String def) {
    Map.Entry<Labels, Integer> desc = Parser.parseSeriesDescription(def);
    String rest = def.substring(desc.getValue()).strip();
    return Map.entry(desc.getKey(), expandValues(rest));
  }

  static List<Value> expandValues(String text) {
    List<Value> out = new ArrayList<>();
    for (String tok : tokens(text)) {
      if (tok.startsWith("{{")) {
        int reps = 1;
        int x = tok.lastIndexOf("}}x");
        if (x >= 0) {
          reps = Integer.parseInt(tok.substring(x + 3)) + 1;
        }
        for (int i = 0; i < reps; i++) {
          out.add(new Value(ValueKind.HISTOGRAM, 0));
        }
        continue;
      }
      if (tok.equals("_")) {
        out.add(new Value(ValueKind.OMITTED, 0));
        continue;
      }
      if (tok.startsWith("_x")) {
        int n = Integer.parseInt(tok.substring(2));
        for (int i = 0; i < n; i++) {
          out.add(new Value(ValueKind.OMITTED, 0));
        }
        continue;
      }
      if (tok.equals("stale")) {
        out.add(new Value(ValueKind.STALE, Series.STALE_NAN));
        continue;
      }
      int xi = tok.lastIndexOf('x');
      if (xi > 0 && tok.substring(xi + 1).chars().allMatch(Character::isDigit)
          && xi + 1 < tok.length()) {
        int times = Integer.parseInt(tok.substring(xi + 1));
        String head = tok.substring(0, xi);
        int op = findSignedStep(head);
        double base;
        double inc = 0;
        if (op > 0) {
          base = number(head.substring(0, op));
          inc = number(head.substring(op));
        } else {
          base = number(head);
        }
        double v = base;
        for (int i = 0; i <= times; i++) {
          out.add(new Value(ValueKind.FLOAT, v));
          v += inc;
        }
        continue;
      }
      out.add(new Value(ValueKind.FLOAT, number(tok)));
    }
    return out;
  }

  /** Index of the sign starting the increment in {@code a+b} / {@code a-b}, or -1. */
  private static int findSignedStep(String head) {
    for (int i = 1; i < head.length(); i++) {
      char c = head.charAt(i);
      char p = head.charAt(i - 1);
      if ((c == '+' || c == '-') && p != 'e' && p != 'E') {
        return i;
      }
    }
    return -1;
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i >= text.length()) {
        break;
      }
      int s = i;
      int depth = 0;
      while (i < text.length() && (depth > 0 || !Character.isWhitespace(text.charAt(i)))) {
        if (text.startsWith("{{", i)) {
          depth++;
          i += 2;
          continue;
        }
        if (text.startsWith("}}", i) && depth > 0) {
          depth--;
          i += 2;
          continue;
        }
        i++;
      }
      out.add(text.substring(s, i));
    }
    return out;
  }

  static double number(String s) {
    Double d = parseNumberOrNull(s);
    if (d == null) {
      throw new IllegalArgumentException("not a number: " + s);
    }
    return d;
  }

  static Double parseNumberOrNull(String s) {
    String t = s.strip();
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    switch (lower) {
      case "inf", "+inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan", "+nan", "-nan" -> {
        return Double.NaN;
      }
      default -> {
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || t.charAt(0) == '-' || t.charAt(0) == '+'
            || t.charAt(0) == '.')) {
          return null;
        }
        try {
          if (lower.startsWith("0x")) {
            return (double) Long.parseLong(t.substring(2), 16);
          }
          if (lower.endsWith("d") || lower.endsWith("f")) {
            return null;
          }
          return Double.parseDouble(t);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
  }

  /** A test-script time: a Prometheus duration ({@code 1m30s}) or plain seconds. */
  static long duration(String s) {
    Double secs = parseNumberOrNull(s);
    if (secs != null) {
      return Math.round(secs * 1000);
    }
    Expr e = Expr.parse(s);
    if (e instanceof Expr.NumberLiteral n) {
      return Math.round(n.value() * 1000);
    }
    throw new IllegalArgumentException("not a duration: " + s);
  }
}
