package dev.kurator.telemetry.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Number formatting byte-compatible with Prometheus's JSON ({@code util/jsonutil/marshal.go}): sample values as Go's
 * {@code strconv.FormatFloat(v, 'f', -1, 64)}, switching to {@code 'e'} when {@code |v| < 1e-6} or
 * {@code |v| >= 1e21}; timestamps as seconds with a three-digit millisecond part only when it is non-zero.
 */
public final class GoFormat {

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private GoFormat() {
  }

  /** A sample value as Prometheus writes it: {@code "760"}, {@code "0.5"}, {@code "1e-07"}, {@code "+Inf"}, {@code "NaN"}. */
  public static String formatValue(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) == 0 ? "0" : "-0";
    }
    // Shortest round-tripping digits (Schubfach), which is what Go's precision -1 gives.
    BigDecimal d = new BigDecimal(NumberOutput.toString(v, true)).stripTrailingZeros();
    double abs = Math.abs(v);
    if (abs >= 1e-6 && abs < 1e21) {
      return d.toPlainString();
    }
    String digits = d.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - d.scale();
    StringBuilder sb = new StringBuilder();
    if (v < 0) {
      sb.append('-');
    }
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int e = Math.abs(exponent);
    if (e < 10) {
      sb.append('0');
    }
    return sb.append(e).toString();
  }

  /**
   * Parses a sample value as Go's {@code strconv.ParseFloat} does for Prometheus's output, including {@code NaN},
   * {@code +Inf}, {@code -Inf} and {@code Inf} (any case).
   *
   * @throws NumberFormatException when the text is not a number
   */
  public static double parseValue(String s) {
    String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
      return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (t.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (!DECIMAL.matcher(s).matches()) {
      throw new NumberFormatException("not a number: \"" + s + "\"");
    }
    return Double.parseDouble(s);
  }

  /** A millisecond timestamp as Prometheus writes it in JSON: {@code 1700001200}, {@code 1795840298.268}. */
  public static String formatTimestamp(long millis) {
    StringBuilder sb = new StringBuilder(20).append(millis / 1000);
    long frac = millis % 1000;
    if (frac != 0) {
      sb.append('.');
      if (Math.abs(frac) < 100) {
        sb.append('0');
      }
      if (Math.abs(frac) < 10) {
        sb.append('0');
      }
      sb.append(Math.abs(frac));
    }
    return sb.toString();
  }

  /** Seconds (possibly fractional, as in JSON or a query parameter) to milliseconds, rounding half up. */
  public static long secondsToMillis(BigDecimal seconds) {
    return seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }
}
