package dev.kurator.telemetry.promql.internal;

import java.math.BigDecimal;

/** Floating-point helpers that reproduce Go's math and formatting where Java differs. */
public final class GoMath {
  private GoMath() {}

  /** Go's math.Pow special cases: x^0 = 1 and 1^y = 1 for any y (even NaN); (-1)^±Inf = 1. */
  static double pow(double x, double y) {
    if (y == 0 || x == 1) {
      return 1;
    }
    if (x == -1 && Double.isInfinite(y)) {
      return 1;
    }
    return Math.pow(x, y);
  }

  /** Neumaier-compensated addition: returns {sum, compensation}. */
  static void kahanInc(double inc, double[] sc) {
    double sum = sc[0];
    double c = sc[1];
    double t = sum + inc;
    if (Double.isInfinite(t)) {
      c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      c += (sum - t) + inc;
    } else {
      c += (inc - t) + sum;
    }
    sc[0] = t;
    sc[1] = c;
  }

  /** Go's strconv.FormatFloat(f, 'f', -1, 64). */
  static String formatFloat(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    if (f == 0) {
      return (1 / f < 0) ? "-0" : "0";
    }
    return new BigDecimal(Double.toString(f)).stripTrailingZeros().toPlainString();
  }

  /** A float as a label value, always with a fractional part or exponent ({@code 1.0}, {@code 0.25}, {@code NaN}). */
  static String formatLabelFloat(double f) {
    String s = formatFloat(f);
    if (Double.isNaN(f) || Double.isInfinite(f) || s.contains(".") || s.contains("e")) {
      return s;
    }
    return s + ".0";
  }

  /** Go's %g-like output for annotation messages. */
  static String formatG(double f) {
    if (Double.isNaN(f)) {
      return "NaN";
    }
    if (Double.isInfinite(f)) {
      return f > 0 ? "+Inf" : "-Inf";
    }
    double a = Math.abs(f);
    if (a != 0 && (a < 1e-4 || a >= 1e21)) {
      String s = String.format("%e", f);
      return s;
    }
    return formatFloat(f);
  }

  /** Relative comparison as Prometheus's util/almost.Equal. */
  public static boolean almostEqual(double a, double b, double epsilon) {
    if (Double.isNaN(a) && Double.isNaN(b)) {
      return true;
    }
    if (a == b) {
      return true;
    }
    double absSum = Math.abs(a) + Math.abs(b);
    double diff = Math.abs(a - b);
    if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
      return diff < epsilon * Double.MIN_NORMAL;
    }
    return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
  }
}
