package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scalar pattern matching: Kyverno's {@code pattern.Validate} with its string mini-language. */
public final class StringPattern {
  private static final Pattern RANGE =
      Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");
  private static final Pattern NOT_RANGE =
      Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)!-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");

  /** Comparison operators of the string mini-language. */
  enum Op { EQ, NE, GT, GE, LT, LE }

  private StringPattern() {}

  /** True when the resource value satisfies the scalar (or map) pattern. */
  public static boolean matches(JsonNode value, JsonNode pattern) {
    if (Json.isNull(pattern)) {
      return matchesNull(value);
    }
    if (pattern.isBoolean()) {
      return value != null && value.isBoolean() && value.booleanValue() == pattern.booleanValue();
    }
    if (pattern.isIntegralNumber()) {
      return matchesInt(value, pattern.longValue());
    }
    if (pattern.isNumber()) {
      return matchesFloat(value, pattern.doubleValue());
    }
    if (pattern.isObject()) {
      return value != null && value.isObject();
    }
    if (pattern.isTextual()) {
      return matchesString(value, pattern.textValue());
    }
    return false;
  }

  private static boolean matchesNull(JsonNode v) {
    if (Json.isNull(v)) {
      return true;
    }
    if (v.isNumber()) {
      return v.doubleValue() == 0.0;
    }
    if (v.isTextual()) {
      return v.textValue().isEmpty();
    }
    if (v.isBoolean()) {
      return !v.booleanValue();
    }
    return false;
  }

  private static boolean matchesInt(JsonNode v, long p) {
    if (Json.isNull(v)) {
      return false;
    }
    if (v.isIntegralNumber()) {
      return v.longValue() == p;
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && (long) d == p;
    }
    if (v.isTextual()) {
      try {
        return Long.parseLong(v.textValue()) == p;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  private static boolean matchesFloat(JsonNode v, double p) {
    if (Json.isNull(v)) {
      return false;
    }
    if (v.isIntegralNumber()) {
      return p == Math.rint(p) && (long) p == v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue() == p;
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.textValue()) == p;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return false;
  }

  /** The string mini-language: {@code |} alternatives of {@code &} conjunctions of operator atoms. */
  public static boolean matchesString(JsonNode value, String pattern) {
    if (value != null && value.isTextual() && value.textValue().equals(pattern)) {
      return true;
    }
    for (String alt : pattern.split("\\|", -1)) {
      boolean all = true;
      for (String atom : alt.trim().split("&", -1)) {
        if (!matchesAtom(value, atom.trim())) {
          all = false;
          break;
        }
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAtom(JsonNode value, String atom) {
    if (atom.length() >= 2) {
      Op op = null;
      int len = 0;
      if (atom.startsWith(">=")) {
        op = Op.GE;
        len = 2;
      } else if (atom.startsWith("<=")) {
        op = Op.LE;
        len = 2;
      } else if (atom.startsWith(">")) {
        op = Op.GT;
        len = 1;
      } else if (atom.startsWith("<")) {
        op = Op.LT;
        len = 1;
      } else if (atom.startsWith("!")) {
        op = Op.NE;
        len = 1;
      }
      if (op != null) {
        return compare(value, atom.substring(len).trim(), op);
      }
      if (atom.indexOf('-', 1) > 0 && Quantities.startsNumeric(atom)) {
        Matcher nr = NOT_RANGE.matcher(atom);
        if (nr.matches()) {
          return compare(value, nr.group(1), Op.LT) || compare(value, nr.group(2), Op.GT);
        }
        Matcher r = RANGE.matcher(atom);
        if (r.matches()) {
          return compare(value, r.group(1), Op.GE) && compare(value, r.group(2), Op.LE);
        }
      }
    }
    return compare(value, atom, Op.EQ);
  }

  /** Compares as durations, then quantities, then (for = and !) as a wildcard string. */
  static boolean compare(JsonNode value, String pattern, Op op) {
    String asNumber = numberText(value);
    if (asNumber != null && Quantities.startsNumeric(pattern) && Quantities.startsNumeric(asNumber)) {
      BigDecimal pd = Quantities.duration(pattern);
      BigDecimal vd = Quantities.duration(asNumber);
      if (pd != null && vd != null && !(isPlainNumber(pattern) && isPlainNumber(asNumber))) {
        if (holds(vd.compareTo(pd), op)) {
          return true;
        }
      }
      BigDecimal pq = Quantities.quantity(pattern);
      BigDecimal vq = Quantities.quantity(asNumber);
      if (pq != null && vq != null && holds(vq.compareTo(pq), op)) {
        return true;
      }
    }
    if (op != Op.EQ && op != Op.NE) {
      return false;
    }
    String s = stringForWildcard(value);
    if (s == null) {
      return false;
    }
    boolean m = Wildcard.match(pattern, s);
    return op == Op.NE ? !m : m;
  }

  private static boolean isPlainNumber(String s) {
    return s.matches("[+-]?\\d+(\\.\\d+)?");
  }

  private static boolean holds(int cmp, Op op) {
    switch (op) {
      case EQ: return cmp == 0;
      case NE: return cmp != 0;
      case GT: return cmp > 0;
      case GE: return cmp >= 0;
      case LT: return cmp < 0;
      default: return cmp <= 0;
    }
  }

  private static String numberText(JsonNode value) {
    if (Json.isNull(value)) {
      return "0";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    return null;
  }

  private static String stringForWildcard(JsonNode value) {
    if (Json.isNull(value)) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue().toString();
    }
    if (value.isNumber()) {
      return goExponent(value.doubleValue());
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    return null;
  }

  /** Go's {@code strconv.FormatFloat(v, 'E', -1, 64)}: {@code 1.5} prints as {@code 1.5E+00}. */
  static String goExponent(double v) {
    BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
    if (d.signum() == 0) {
      return "0E+00";
    }
    int exp = d.precision() - d.scale() - 1;
    BigDecimal mant = d.movePointLeft(exp).stripTrailingZeros();
    String e = String.format("%02d", Math.abs(exp));
    return mant.toPlainString() + "E" + (exp < 0 ? "-" : "+") + e;
  }
}
