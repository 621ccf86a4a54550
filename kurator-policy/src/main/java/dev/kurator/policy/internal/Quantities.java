package dev.kurator.policy.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of Kubernetes resource quantities and Go durations, as Kyverno compares them. */
public final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile("^([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?$");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");
  private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")), Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
      Map.entry("Mi", BigDecimal.valueOf(1L << 20)), Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
      Map.entry("Ti", BigDecimal.valueOf(1L << 40)), Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
      Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
  private static final Map<String, BigDecimal> UNIT_NANOS = Map.of(
      "ns", BigDecimal.ONE, "us", BigDecimal.valueOf(1_000), "µs", BigDecimal.valueOf(1_000),
      "μs", BigDecimal.valueOf(1_000), "ms", BigDecimal.valueOf(1_000_000),
      "s", BigDecimal.valueOf(1_000_000_000L), "m", BigDecimal.valueOf(60_000_000_000L),
      "h", BigDecimal.valueOf(3_600_000_000_000L));

  private Quantities() {}

  /** True when the text could start a number, quantity or duration (a cheap pre-check before parsing). */
  public static boolean startsNumeric(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == ' ';
  }

  /** The value of a Kubernetes quantity such as {@code 500m} or {@code 1Gi}, or null when it is not one. */
  public static BigDecimal quantity(String s) {
    if (!startsNumeric(s)) {
      return null;
    }
    Matcher m = QUANTITY.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return number;
    }
    if (suffix.matches("[eE][+-]?\\d+")) {
      return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1).replace("+", "")));
    }
    return number.multiply(SUFFIX.get(suffix));
  }

  /** The nanoseconds of a Go duration such as {@code 1h30m}, or null when it is not one. */
  public static BigDecimal duration(String s) {
    if (!startsNumeric(s)) {
      return null;
    }
    String text = s.trim();
    boolean negative = false;
    if (text.startsWith("-") || text.startsWith("+")) {
      negative = text.startsWith("-");
      text = text.substring(1);
    }
    if (text.equals("0")) {
      return BigDecimal.ZERO;
    }
    Matcher m = DURATION_PART.matcher(text);
    int pos = 0;
    BigDecimal total = BigDecimal.ZERO;
    while (pos < text.length()) {
      if (!m.find(pos) || m.start() != pos) {
        return null;
      }
      total = total.add(new BigDecimal(m.group(1)).multiply(UNIT_NANOS.get(m.group(2))));
      pos = m.end();
    }
    if (pos == 0) {
      return null;
    }
    return negative ? total.negate() : total;
  }

  /** Formats nanoseconds as a Go duration string ({@code 1h0m0s}). */
  public static String formatDuration(BigDecimal nanos) {
    long n = nanos.longValue();
    if (n == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (n < 0) {
      sb.append('-');
      n = -n;
    }
    long h = n / 3_600_000_000_000L;
    long rest = n % 3_600_000_000_000L;
    long m = rest / 60_000_000_000L;
    rest = rest % 60_000_000_000L;
    BigDecimal sec = BigDecimal.valueOf(rest).movePointLeft(9).stripTrailingZeros();
    if (h > 0) {
      sb.append(h).append('h').append(m).append('m');
    } else if (m > 0) {
      sb.append(m).append('m');
    }
    sb.append(sec.toPlainString()).append('s');
    return sb.toString();
  }
}
