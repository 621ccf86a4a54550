package dev.kurator.telemetry.exposition;

import dev.kurator.telemetry.Labels;
import dev.kurator.telemetry.internal.GoFormat;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses Prometheus text format 0.0.4 and OpenMetrics 1.0 into metric families.
 *
 * <p>Text 0.0.4 ({@code exposition_formats.md}, lexer {@code promlex.l}): {@code # HELP} / {@code # TYPE} before the
 * family's first sample, other {@code #} lines are comments, blank lines are ignored, tokens are separated by spaces
 * or tabs, timestamps are integer milliseconds. OpenMetrics 1.0: must end with {@code # EOF}, adds {@code # UNIT},
 * the types {@code gaugehistogram}, {@code stateset}, {@code info} and {@code unknown}, counter samples with
 * {@code _total} / {@code _created}, timestamps in (decimal) seconds and exemplars after {@code " # "}.
 *
 * <p>A sample belongs to the family whose metadata precedes it when its name is the family name plus one of the
 * type's suffixes ({@link MetricType#suffixes}); otherwise it starts an untyped family of its own name. A family's
 * lines must be contiguous, and metadata may not be repeated or follow the family's samples. Buckets need {@code le},
 * summary quantiles {@code quantile}. Quoted UTF-8 metric names ({@code {"my.metric",a="b"}}) are accepted.
 */
public final class ExpositionParser {

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private ExpositionParser() {
  }

  /**
   * Parses an exposition body.
   *
   * @throws ExpositionException naming the first malformed line
   */
  public static List<MetricFamily> parse(String text, ExpositionFormat format) {
    return new Run(format).parse(text);
  }

  /** Total number of samples in {@code families}. */
  public static int sampleCount(List<MetricFamily> families) {
    return families.stream().mapToInt(f -> f.samples().size()).sum();
  }

  private static final class FamilyBuilder {
    final String name;
    MetricType type = MetricType.UNTYPED;
    boolean typed;
    String help;
    String unit;
    final List<ExpositionSample> samples = new ArrayList<>();

    FamilyBuilder(String name) {
      this.name = name;
    }

    boolean owns(String sampleName, ExpositionFormat format) {
      if (!sampleName.startsWith(name)) {
        return false;
      }
      String suffix = sampleName.substring(name.length());
      return type.suffixes(format).contains(suffix);
    }

    MetricFamily build() {
      return new MetricFamily(name, type, help == null ? "" : help, unit == null ? "" : unit, samples);
    }
  }

  private static final class Run {
    private final ExpositionFormat format;
    private final boolean om;
    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private FamilyBuilder current;
    private int lineNo;

    Run(ExpositionFormat format) {
      this.format = format;
      this.om = format == ExpositionFormat.OPENMETRICS_1_0;
    }

    List<MetricFamily> parse(String text) {
      String[] lines = text.split("\n", -1);
      int count = lines.length;
      // A body ends with a newline, so the last element is empty.
      if (count > 0 && lines[count - 1].isEmpty()) {
        count--;
      }
      boolean eof = false;
      for (int i = 0; i < count; i++) {
        lineNo = i + 1;
        String line = lines[i];
        if (eof) {
          throw error("content after # EOF");
        }
        if (om) {
          if (line.equals("# EOF")) {
            eof = true;
            continue;
          }
          if (line.isEmpty()) {
            throw error("empty lines are not allowed in OpenMetrics");
          }
        } else if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("#")) {
          metadata(line);
        } else {
          sample(line);
        }
      }
      if (om && !eof) {
        lineNo = count + 1;
        throw error("OpenMetrics must end with # EOF");
      }
      List<MetricFamily> out = new ArrayList<>(families.size());
      families.values().forEach(f -> out.add(f.build()));
      return out;
    }

    private void metadata(String line) {
      String rest = om ? line.substring(1) : line.substring(1).stripLeading();
      if (om && !rest.startsWith(" ")) {
        throw error("expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\"");
      }
      rest = om ? rest.substring(1) : rest;
      String keyword = token(rest);
      boolean known = keyword.equals("HELP") || keyword.equals("TYPE") || (om && keyword.equals("UNIT"));
      if (!known) {
        if (om) {
          throw error("unknown metadata \"# " + keyword + "\"");
        }
        return; // a comment
      }
      String afterKeyword = rest.substring(keyword.length());
      afterKeyword = om ? requireSpace(afterKeyword) : afterKeyword.stripLeading();
      String name = token(afterKeyword);
      if (!METRIC_NAME.matcher(name).matches()) {
        throw error("invalid metric name \"" + name + "\" in # " + keyword);
      }
      String value = afterKeyword.substring(name.length());
      if (om) {
        value = value.isEmpty() ? "" : requireSpace(value);
      } else {
        value = value.stripLeading();
      }
      FamilyBuilder f = familyForMetadata(name, keyword);
      switch (keyword) {
        case "HELP" -> {
          if (f.help != null) {
            throw error("second # HELP for " + name);
          }
          f.help = unescape(value, om);
        }
        case "TYPE" -> {
          if (f.typed) {
            throw error("second # TYPE for " + name);
          }
          String typeName = value.strip();
          f.type = MetricType.fromTypeName(typeName, format)
              .orElseThrow(() -> error("invalid type \"" + typeName + "\" for " + name + " in " + format));
          f.typed = true;
        }
        default -> {
          if (f.unit != null) {
            throw error("second # UNIT for " + name);
          }
          f.unit = value;
          if (!value.isEmpty() && !name.endsWith("_" + value)) {
            throw error("metric name " + name + " must end with its unit _" + value);
          }
        }
      }
    }

    private FamilyBuilder familyForMetadata(String name, String keyword) {
      if (current != null && current.name.equals(name)) {
        if (!current.samples.isEmpty()) {
          throw error("# " + keyword + " for " + name + " after its samples");
        }
        return current;
      }
      if (families.containsKey(name)) {
        throw error("# " + keyword + " for " + name + ": family already seen");
      }
      return open(name);
    }

    private FamilyBuilder open(String name) {
      if (current != null) {
        finished.add(current.name);
      }
      current = new FamilyBuilder(name);
      families.put(name, current);
      return current;
    }

    private void sample(String line) {
      Cursor c = new Cursor(line);
      String name = null;
      Map<String, String> labels = new LinkedHashMap<>();
      if (c.peek() != '{') {
        name = c.identifier();
        if (!METRIC_NAME.matcher(name).matches()) {
          throw error("invalid metric name \"" + name + "\"");
        }
      }
      if (c.peek() == '{') {
        name = labelSet(c, labels, name);
      }
      if (name == null) {
        throw error("sample without a metric name");
      }
      c.separator(om);
      String valueText = c.token();
      double value = number(valueText, "value");
      Long ts = null;
      Exemplar exemplar = null;
      if (!c.atEnd()) {
        c.separator(om);
        if (om && c.peek() == '#') {
          exemplar = exemplar(c);
        } else {
          ts = timestamp(c.token());
          if (!c.atEnd()) {
            c.separator(om);
            if (om && c.peek() == '#') {
              exemplar = exemplar(c);
            } else if (!c.atEnd()) {
              throw error("unexpected text after the timestamp: \"" + c.rest() + "\"");
            }
          }
        }
      }
      if (exemplar != null && !om) {
        throw error("exemplars exist only in OpenMetrics");
      }
      FamilyBuilder f = familyForSample(name);
      Labels ls = Labels.of(labels);
      checkSpecialLabels(f, name, ls);
      f.samples.add(new ExpositionSample(name, ls, value, ts, exemplar));
    }

    private FamilyBuilder familyForSample(String name) {
      if (current != null && current.owns(name, format)) {
        return current;
      }
      if (families.containsKey(name) || finished.contains(name)) {
        throw error("samples of " + name + " are not contiguous");
      }
      for (FamilyBuilder f : families.values()) {
        if (f != current && f.owns(name, format)) {
          throw error("samples of " + f.name + " are not contiguous");
        }
      }
      return open(name);
    }

    private void checkSpecialLabels(FamilyBuilder f, String name, Labels labels) {
      boolean bucket = name.endsWith("_bucket")
          && (f.type == MetricType.HISTOGRAM || f.type == MetricType.GAUGE_HISTOGRAM);
      if (bucket && labels.get("le").isEmpty()) {
        throw error(name + " needs an le label");
      }
      if (bucket) {
        number(labels.get("le").orElseThrow(), "le");
      }
      if (f.type == MetricType.SUMMARY && name.equals(f.name) && labels.get("quantile").isEmpty()) {
        throw error(name + " needs a quantile label");
      }
    }

    private Exemplar exemplar(Cursor c) {
      c.expect('#');
      c.separator(true);
      if (c.peek() != '{') {
        throw error("exemplar needs a label set");
      }
      Map<String, String> labels = new LinkedHashMap<>();
      labelSet(c, labels, "");
      c.separator(true);
      double v = number(c.token(), "exemplar value");
      Long ts = null;
      if (!c.atEnd()) {
        c.separator(true);
        ts = timestamp(c.token());
      }
      if (!c.atEnd()) {
        throw error("unexpected text after the exemplar: \"" + c.rest() + "\"");
      }
      return new Exemplar(Labels.of(labels), v, ts);
    }

    /** Reads {@code {...}}; returns the metric name (a quoted name inside the braces wins over {@code name}). */
    private String labelSet(Cursor c, Map<String, String> labels, String name) {
      c.expect('{');
      String metric = name;
      boolean first = true;
      while (true) {
        if (!om) {
          c.skipBlanks();
        }
        if (c.peek() == '}') {
          c.next();
          return metric;
        }
        if (!first) {
          throw error("expected , or } in the label set");
        }
        String label;
        if (c.peek() == '"') {
          label = c.quoted();
          if (!om) {
            c.skipBlanks();
          }
          if (c.peek() != '=') {
            if (metric != null && !metric.isEmpty()) {
              throw error("two metric names: " + metric + " and \"" + label + "\"");
            }
            metric = label;
            first = advanceLabel(c);
            continue;
          }
        } else {
          label = c.identifier();
          if (label.isEmpty() || !METRIC_NAME.matcher(label).matches() || label.contains(":")) {
            throw error("invalid label name \"" + label + "\"");
          }
        }
        if (!om) {
          c.skipBlanks();
        }
        c.expect('=');
        if (!om) {
          c.skipBlanks();
        }
        String value = c.quoted();
        if (labels.put(label, value) != null) {
          throw error("duplicate label " + label);
        }
        first = advanceLabel(c);
      }
    }

    /** After a label: consumes a comma and returns true (another may follow), or returns false before a brace. */
    private boolean advanceLabel(Cursor c) {
      if (!om) {
        c.skipBlanks();
      }
      if (c.peek() == ',') {
        c.next();
        return true;
      }
      return false;
    }

    private double number(String text, String what) {
      try {
        return GoFormat.parseValue(text);
      } catch (NumberFormatException e) {
        throw error("invalid " + what + " \"" + text + "\"");
      }
    }

    private Long timestamp(String text) {
      try {
        if (om) {
          return GoFormat.secondsToMillis(new BigDecimal(text));
        }
        return Long.parseLong(text);
      } catch (NumberFormatException | ArithmeticException e) {
        throw error("invalid timestamp \"" + text + "\"" + (om ? " (seconds)" : " (integer milliseconds)"));
      }
    }

    private String requireSpace(String s) {
      if (!s.startsWith(" ")) {
        throw error("expected a single space");
      }
      return s.substring(1);
    }

    private String token(String s) {
      int i = 0;
      while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
        i++;
      }
      return s.substring(0, i);
    }

    private String unescape(String s, boolean quotes) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch == '\\' && i + 1 < s.length()) {
          char n = s.charAt(i + 1);
          if (n == 'n') {
            sb.append('\n');
            i++;
            continue;
          }
          if (n == '\\' || (quotes && n == '"')) {
            sb.append(n);
            i++;
            continue;
          }
        }
        sb.append(ch);
      }
      return sb.toString();
    }

    private ExpositionException error(String message) {
      return new ExpositionException(lineNo, message);
    }

    /** A position in one sample line. */
    private final class Cursor {
      private final String s;
      private int i;

      Cursor(String s) {
        this.s = s;
      }

      char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
      }

      void next() {
        i++;
      }

      boolean atEnd() {
        return i >= s.length() || (!om && s.substring(i).isBlank());
      }

      String rest() {
        return s.substring(i);
      }

      void expect(char ch) {
        if (peek() != ch) {
          throw error("expected '" + ch + "' at column " + (i + 1));
        }
        i++;
      }

      void skipBlanks() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
          i++;
        }
      }

      void separator(boolean single) {
        if (single) {
          if (peek() != ' ') {
            throw error("expected a single space at column " + (i + 1));
          }
          i++;
          if (peek() == ' ') {
            throw error("expected a single space at column " + (i + 1));
          }
        } else {
          if (peek() != ' ' && peek() != '\t') {
            throw error("expected whitespace at column " + (i + 1));
          }
          skipBlanks();
        }
      }

      String identifier() {
        int start = i;
        while (i < s.length()) {
          char ch = s.charAt(i);
          if (Character.isLetterOrDigit(ch) || ch == '_' || ch == ':') {
            i++;
          } else {
            break;
          }
        }
        return s.substring(start, i);
      }

      String token() {
        int start = i;
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
          i++;
        }
        if (start == i) {
          throw error("expected a value at column " + (i + 1));
        }
        return s.substring(start, i);
      }

      String quoted() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
          if (i >= s.length()) {
            throw error("unterminated quoted string");
          }
          char ch = s.charAt(i++);
          if (ch == '"') {
            return sb.toString();
          }
          if (ch == '\\' && i < s.length()) {
            char n = s.charAt(i++);
            switch (n) {
              case 'n' -> sb.append('\n');
              case '\\' -> sb.append('\\');
              case '"' -> sb.append('"');
              default -> sb.append('\\').append(n);
            }
          } else {
            sb.append(ch);
          }
        }
      }
    }
  }
}
