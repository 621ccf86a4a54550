package dev.kurator.rollout.argo;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Argo's expression language used by success and failure conditions: numbers, booleans,
 * {@code result} and {@code result[i]}, arithmetic, comparisons, {@code && || !} (and {@code and or not}), and the
 * functions {@code isNaN}, {@code isInf}, {@code len}, {@code default}. A one-element vector compares as its element.
 */
final class Condition {

  /** Thrown for an expression that cannot be parsed or evaluated (an {@code Error} measurement). */
  static final class EvaluationException extends RuntimeException {
    EvaluationException(String message) {
      super(message);
    }
  }

  private final String text;
  private final List<Double> result;
  private int pos;

  private Condition(String text, List<Double> result) {
    this.text = text;
    this.result = result;
  }

  /** Evaluates {@code expression} with {@code result} bound to the measurement; it must yield a boolean. */
  static boolean evaluate(String expression, List<Double> result) {
    Condition c = new Condition(expression, result);
    Object v = c.or();
    c.skipSpace();
    if (c.pos != c.text.length()) {
      throw new EvaluationException("unexpected \"" + c.text.substring(c.pos) + "\" in " + expression);
    }
    if (!(v instanceof Boolean b)) {
      throw new EvaluationException("expected bool, but got " + describe(v) + " in " + expression);
    }
    return b;
  }

  private Object or() {
    Object left = and();
    while (accept("||") || acceptWord("or")) {
      Object right = and();
      left = bool(left) || bool(right);
    }
    return left;
  }

  private Object and() {
    Object left = not();
    while (accept("&&") || acceptWord("and")) {
      Object right = not();
      left = bool(left) && bool(right);
    }
    return left;
  }

  private Object not() {
    skipSpace();
    if (peek("!") && !peek("!=")) {
      pos++;
      return !bool(not());
    }
    if (acceptWord("not")) {
      return !bool(not());
    }
    return comparison();
  }

  private Object comparison() {
    Object left = additive();
    for (String op : new String[] {">=", "<=", "==", "!=", ">", "<"}) {
      if (accept(op)) {
        Object right = additive();
        if (op.equals("==") || op.equals("!=")) {
          boolean eq = unwrap(left) instanceof Double a && unwrap(right) instanceof Double b ? a.doubleValue() == b
              : unwrap(left).equals(unwrap(right));
          return op.equals("==") == eq;
        }
        double a = num(left);
        double b = num(right);
        return switch (op) {
          case ">=" -> a >= b;
          case "<=" -> a <= b;
          case ">" -> a > b;
          default -> a < b;
        };
      }
    }
    return left;
  }

  private Object additive() {
    Object left = multiplicative();
    while (true) {
      if (accept("+")) {
        left = num(left) + num(multiplicative());
      } else if (accept("-")) {
        left = num(left) - num(multiplicative());
      } else {
        return left;
      }
    }
  }

  private Object multiplicative() {
    Object left = unary();
    while (true) {
      if (accept("*")) {
        left = num(left) * num(unary());
      } else if (accept("/")) {
        left = num(left) / num(unary());
      } else {
        return left;
      }
    }
  }

  private Object unary() {
    if (accept("-")) {
      return -num(unary());
    }
    return postfix(primary());
  }

  private Object postfix(Object base) {
    while (accept("[")) {
      double index = num(or());
      expect("]");
      if (!(base instanceof List<?> list)) {
        throw new EvaluationException("cannot index " + describe(base) + " in " + text);
      }
      int i = (int) index;
      if (i < 0 || i >= list.size()) {
        throw new EvaluationException("index out of range: " + i + " (length " + list.size() + ") in " + text);
      }
      base = list.get(i);
    }
    return base;
  }

  private Object primary() {
    skipSpace();
    if (accept("(")) {
      Object v = or();
      expect(")");
      return v;
    }
    int start = pos;
    if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
      while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
          || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
        pos++;
      }
      return Double.parseDouble(text.substring(start, pos));
    }
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String word = text.substring(start, pos);
    switch (word) {
      case "" -> throw new EvaluationException("unexpected end or symbol at " + pos + " in " + text);
      case "true" -> {
        return true;
      }
      case "false" -> {
        return false;
      }
      case "result" -> {
        return result;
      }
      default -> {
        expect("(");
        List<Object> args = new ArrayList<>();
        if (!accept(")")) {
          do {
            args.add(or());
          } while (accept(","));
          expect(")");
        }
        return call(word, args);
      }
    }
  }

  private Object call(String name, List<Object> args) {
    return switch (name) {
      case "isNaN" -> Double.isNaN(num(arg(args, 0, name)));
      case "isInf" -> Double.isInfinite(num(arg(args, 0, name)));
      case "len" -> arg(args, 0, name) instanceof List<?> l ? (double) l.size()
          : fail("len of " + describe(args.get(0)));
      case "default" -> {
        Object v = arg(args, 0, name);
        yield v == null || (v instanceof Double d && d.isNaN()) ? arg(args, 1, name) : v;
      }
      default -> fail("unknown function " + name);
    };
  }

  private Object arg(List<Object> args, int i, String fn) {
    if (i >= args.size()) {
      throw new EvaluationException(fn + " needs " + (i + 1) + " argument(s) in " + text);
    }
    return args.get(i);
  }

  private Object fail(String message) {
    throw new EvaluationException(message + " in " + text);
  }

  private static Object unwrap(Object v) {
    if (v instanceof List<?> l && l.size() == 1) {
      return l.get(0);
    }
    return v;
  }

  private double num(Object v) {
    Object u = unwrap(v);
    if (u instanceof Double d) {
      return d;
    }
    throw new EvaluationException("expected a number, but got " + describe(v) + " in " + text);
  }

  private boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new EvaluationException("expected bool, but got " + describe(v) + " in " + text);
  }

  private static String describe(Object v) {
    return v instanceof List<?> l ? "vector of " + l.size() : String.valueOf(v);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(String s) {
    skipSpace();
    return text.startsWith(s, pos);
  }

  private boolean accept(String s) {
    if (peek(s)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private boolean acceptWord(String w) {
    skipSpace();
    int end = pos + w.length();
    if (text.startsWith(w, pos) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private void expect(String s) {
    if (!accept(s)) {
      throw new EvaluationException("expected \"" + s + "\" at " + pos + " in " + text);
    }
  }
}
