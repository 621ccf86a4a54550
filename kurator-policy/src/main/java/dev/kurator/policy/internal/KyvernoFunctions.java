package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.burt.jmespath.function.ArgumentConstraint;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.Function;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Kyverno's custom JMESPath functions that need no cluster access ({@code pkg/engine/jmespath/functions.go}). */
final class KyvernoFunctions {

  /** Raised when a custom function receives an argument it cannot use. */
  static final class FunctionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FunctionException(String message) {
      super(message);
    }
  }

  private interface Body {
    JsonNode apply(List<JsonNode> a);
  }

  private KyvernoFunctions() {}

  private static Function fn(String name, Body body, ArgumentConstraint... constraints) {
    return new Jmes.NodeFunction(name, constraints) {
      @Override
      JsonNode apply(List<JsonNode> args) {
        return body.apply(args);
      }
    };
  }

  private static TextNode text(String s) {
    return TextNode.valueOf(s);
  }

  private static String s(JsonNode n) {
    return n.isTextual() ? n.textValue() : Json.sprint(n);
  }

  static Function[] all(Clock clock) {
    List<Function> f = new ArrayList<>();
    ArgumentConstraint str = Jmes.str();
    ArgumentConstraint any = Jmes.any();
    ArgumentConstraint num = Jmes.num();
    ArgumentConstraint sn = Jmes.strOrNum();
    f.add(fn("compare", a -> Json.NODES.numberNode(Integer.signum(s(a.get(0)).compareTo(s(a.get(1))))), str, str));
    f.add(fn("equal_fold", a -> Json.NODES.booleanNode(s(a.get(0)).equalsIgnoreCase(s(a.get(1)))), str, str));
    f.add(fn("replace", a -> text(replace(s(a.get(0)), s(a.get(1)), s(a.get(2)), a.get(3).asInt())),
        str, str, str, num));
    f.add(fn("replace_all", a -> text(s(a.get(0)).replace(s(a.get(1)), s(a.get(2)))), str, str, str));
    f.add(fn("to_upper", a -> text(s(a.get(0)).toUpperCase()), str));
    f.add(fn("to_lower", a -> text(s(a.get(0)).toLowerCase()), str));
    f.add(fn("trim", a -> text(trim(s(a.get(0)), s(a.get(1)))), str, str));
    f.add(fn("trim_prefix", a -> text(s(a.get(0)).startsWith(s(a.get(1)))
        ? s(a.get(0)).substring(s(a.get(1)).length()) : s(a.get(0))), str, str));
    f.add(fn("split", a -> {
      List<JsonNode> parts = new ArrayList<>();
      for (String p : split(s(a.get(0)), s(a.get(1)))) {
        parts.add(text(p));
      }
      return Jmes.array(parts);
    }, str, str));
    f.add(fn("regex_replace_all", a -> text(Pattern.compile(s(a.get(0))).matcher(s(a.get(1)))
        .replaceAll(goReplacement(s(a.get(2))))), str, sn, sn));
    f.add(fn("regex_replace_all_literal", a -> text(Pattern.compile(s(a.get(0))).matcher(s(a.get(1)))
        .replaceAll(java.util.regex.Matcher.quoteReplacement(s(a.get(2))))), str, sn, sn));
    f.add(fn("regex_match", a -> Json.NODES.booleanNode(Pattern.compile(s(a.get(0))).matcher(s(a.get(1))).find()),
        str, sn));
    f.add(fn("pattern_match", a -> Json.NODES.booleanNode(Wildcard.match(s(a.get(0)), s(a.get(1)))), str, sn));
    f.add(fn("label_match", a -> {
      for (Map.Entry<String, JsonNode> e : Json.fields(a.get(0))) {
        JsonNode v = a.get(1).get(e.getKey());
        if (v == null || !s(v).equals(s(e.getValue()))) {
          return Json.NODES.booleanNode(false);
        }
      }
      return Json.NODES.booleanNode(true);
    }, ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.OBJECT),
        ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.OBJECT)));
    f.add(fn("to_boolean", a -> {
      String v = s(a.get(0)).toLowerCase();
      if (!v.equals("true") && !v.equals("false")) {
        throw new FunctionException("lowercase argument must be 'true' or 'false' (provided: '" + s(a.get(0)) + "')");
      }
      return Json.NODES.booleanNode(v.equals("true"));
    }, str));
    f.add(fn("add", a -> Arithmetic.apply('+', a.get(0), a.get(1)), any, any));
    f.add(fn("sum", a -> {
      JsonNode acc = null;
      for (JsonNode e : a.get(0)) {
        acc = acc == null ? e : Arithmetic.apply('+', acc, e);
      }
      if (acc == null) {
        throw new FunctionException("at least one element in the array is required");
      }
      return acc;
    }, ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.ARRAY)));
    f.add(fn("subtract", a -> Arithmetic.apply('-', a.get(0), a.get(1)), any, any));
    f.add(fn("multiply", a -> Arithmetic.apply('*', a.get(0), a.get(1)), any, any));
    f.add(fn("divide", a -> Arithmetic.apply('/', a.get(0), a.get(1)), any, any));
    f.add(fn("modulo", a -> Arithmetic.apply('%', a.get(0), a.get(1)), any, any));
    f.add(fn("round", a -> {
      BigDecimal v = a.get(0).decimalValue().setScale(a.get(1).asInt(), RoundingMode.HALF_UP);
      return Arithmetic.number(v);
    }, num, num));
    f.add(fn("base64_decode", a -> text(new String(Base64.getDecoder().decode(s(a.get(0)).trim()),
        StandardCharsets.UTF_8)), str));
    f.add(fn("base64_encode", a -> text(Base64.getEncoder().encodeToString(s(a.get(0))
        .getBytes(StandardCharsets.UTF_8))), str));
    f.add(fn("path_canonicalize", a -> text(cleanPath(s(a.get(0)))), str));
    f.add(fn("truncate", a -> {
      String v = s(a.get(0));
      int n = Math.max(0, a.get(1).asInt());
      return text(v.length() > n ? v.substring(0, n) : v);
    }, str, num));
    f.add(fn("semver_compare", a -> Json.NODES.booleanNode(Semver.satisfies(s(a.get(0)), s(a.get(1)))), str, str));
    f.add(fn("parse_json", a -> Json.parse(s(a.get(0))), str));
    f.add(fn("parse_yaml", a -> Json.parse(s(a.get(0))), str));
    f.add(fn("lookup", a -> {
      JsonNode c = a.get(0);
      if (c.isObject()) {
        JsonNode v = c.get(s(a.get(1)));
        return v == null ? Json.NODES.nullNode() : v;
      }
      int i = a.get(1).asInt();
      return i >= 0 && i < c.size() ? c.get(i) : Json.NODES.nullNode();
    }, ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.OBJECT, io.burt.jmespath.JmesPathType.ARRAY), sn));
    f.add(fn("items", a -> items(a.get(0), s(a.get(1)), s(a.get(2))),
        ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.OBJECT, io.burt.jmespath.JmesPathType.ARRAY),
        str, str));
    f.add(fn("object_from_lists", a -> {
      ObjectNode o = Jmes.object();
      for (int i = 0; i < a.get(0).size(); i++) {
        o.set(s(a.get(0).get(i)), i < a.get(1).size() ? a.get(1).get(i) : Json.NODES.nullNode());
      }
      return o;
    }, ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.ARRAY),
        ArgumentConstraints.typeOf(io.burt.jmespath.JmesPathType.ARRAY)));
    f.add(fn("x509_decode", a -> x509(s(a.get(0))), str));
    f.add(fn("sha256", a -> text(digest("SHA-256", s(a.get(0)))), str));
    f.add(fn("sha1", a -> text(digest("SHA-1", s(a.get(0)))), str));
    f.add(fn("md5", a -> text(digest("MD5", s(a.get(0)))), str));
    f.add(fn("image_normalize", a -> text(ImageRef.parse(s(a.get(0))).referenceWithTag()), str));
    f.add(fn("is_external_url", a -> Json.NODES.booleanNode(isExternalUrl(s(a.get(0)))), str));
    f.add(fn("time_now", a -> text(OffsetDateTime.now(clock).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))));
    f.add(fn("time_now_utc", a -> text(rfc3339(Instant.now(clock)))));
    f.add(fn("time_utc", a -> text(rfc3339(time(s(a.get(0))))), str));
    f.add(fn("time_after", a -> Json.NODES.booleanNode(time(s(a.get(0))).isAfter(time(s(a.get(1))))), str, str));
    f.add(fn("time_before", a -> Json.NODES.booleanNode(time(s(a.get(0))).isBefore(time(s(a.get(1))))), str, str));
    f.add(fn("time_between", a -> {
      Instant t = time(s(a.get(0)));
      return Json.NODES.booleanNode(t.isAfter(time(s(a.get(1)))) && t.isBefore(time(s(a.get(2)))));
    }, str, str, str));
    f.add(fn("time_add", a -> text(rfc3339(time(s(a.get(0))).plusNanos(durationNanos(s(a.get(1)))))), str, str));
    f.add(fn("time_diff", a -> text(Quantities.formatDuration(BigDecimal.valueOf(
        Duration.between(time(s(a.get(0))), time(s(a.get(1)))).toNanos()))), str, str));
    f.add(fn("time_truncate", a -> {
      long step = durationNanos(s(a.get(1)));
      Instant t = time(s(a.get(0)));
      long nanos = t.getEpochSecond() * 1_000_000_000L + t.getNano();
      long truncated = step <= 0 ? nanos : nanos - Math.floorMod(nanos, step);
      return text(rfc3339(Instant.ofEpochSecond(0, truncated)));
    }, str, str));
    f.add(fn("time_to_cron", a -> {
      OffsetDateTime t = time(s(a.get(0))).atOffset(ZoneOffset.UTC);
      return text(t.getMinute() + " " + t.getHour() + " " + t.getDayOfMonth() + " " + t.getMonthValue() + " "
          + (t.getDayOfWeek().getValue() % 7));
    }, str));
    f.add(fn("time_since", a -> {
      Instant start = time(s(a.get(0)), s(a.get(1)));
      Instant end = s(a.get(2)).isEmpty() ? Instant.now(clock) : time(s(a.get(0)), s(a.get(2)));
      return text(Quantities.formatDuration(BigDecimal.valueOf(Duration.between(start, end).toNanos())));
    }, str, str, str));
    f.add(fn("time_parse", a -> text(rfc3339(time(s(a.get(0)), s(a.get(1))))), str, str));
    return f.toArray(new Function[0]);
  }

  /** Parses a time with a Go reference layout ({@code 2006-01-02T15:04:05Z07:00}); empty means RFC 3339. */
  private static Instant time(String goLayout, String value) {
    if (goLayout.isEmpty() || goLayout.equals("2006-01-02T15:04:05Z07:00")) {
      return time(value);
    }
    if (value.matches("-?\\d+") && goLayout.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(value));
    }
    String pattern = goLayout.replace("2006", "yyyy").replace("01", "MM").replace("02", "dd").replace("15", "HH")
        .replace("04", "mm").replace("05", "ss").replace("Z07:00", "XXX").replace("-0700", "Z").replace("MST", "z")
        .replace("Jan", "MMM").replace("Mon", "EEE");
    try {
      var formatter = new java.time.format.DateTimeFormatterBuilder().appendPattern(pattern)
          .parseDefaulting(java.time.temporal.ChronoField.HOUR_OF_DAY, 0)
          .parseDefaulting(java.time.temporal.ChronoField.MINUTE_OF_HOUR, 0)
          .parseDefaulting(java.time.temporal.ChronoField.SECOND_OF_MINUTE, 0)
          .toFormatter().withZone(ZoneOffset.UTC);
      return java.time.ZonedDateTime.parse(value, formatter).toInstant();
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new FunctionException("cannot parse time " + value + " with layout " + goLayout);
    }
  }

  private static long durationNanos(String d) {
    BigDecimal n = Quantities.duration(d);
    if (n == null) {
      throw new FunctionException("invalid duration " + d);
    }
    return n.longValue();
  }

  private static Instant time(String t) {
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new FunctionException("invalid RFC 3339 time " + t);
    }
  }

  private static String rfc3339(Instant i) {
    return DateTimeFormatter.ISO_INSTANT.format(i);
  }

  private static String replace(String s, String old, String repl, int n) {
    if (n < 0) {
      return s.replace(old, repl);
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (int i = 0; i < n; i++) {
      int idx = s.indexOf(old, from);
      if (idx < 0) {
        break;
      }
      sb.append(s, from, idx).append(repl);
      from = idx + old.length();
    }
    return sb.append(s.substring(from)).toString();
  }

  private static String trim(String s, String cutset) {
    int b = 0;
    int e = s.length();
    while (b < e && cutset.indexOf(s.charAt(b)) >= 0) {
      b++;
    }
    while (e > b && cutset.indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(b, e);
  }

  static List<String> split(String s, String sep) {
    List<String> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
      return out;
    }
    int from = 0;
    while (true) {
      int idx = s.indexOf(sep, from);
      if (idx < 0) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, idx));
      from = idx + sep.length();
    }
  }

  /** Go's {@code ${1}} and {@code $1} replacement syntax to Java's. */
  private static String goReplacement(String r) {
    return r.replaceAll("\\$\\{(\\d+)\\}", "\\$$1");
  }

  /** Go's {@code filepath.Clean}. */
  static String cleanPath(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add(part);
        }
      } else {
        out.add(part);
      }
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  private static JsonNode items(JsonNode in, String keyName, String valName) {
    ArrayNode out = Json.NODES.arrayNode();
    if (in.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      in.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      sorted.forEach((k, v) -> {
        ObjectNode o = out.addObject();
        o.put(keyName, k);
        o.set(valName, v);
      });
    } else {
      for (int i = 0; i < in.size(); i++) {
        ObjectNode o = out.addObject();
        o.put(keyName, i);
        o.set(valName, in.get(i));
      }
    }
    return out;
  }

  private static JsonNode x509(String pem) {
    try {
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
      ObjectNode o = Jmes.object();
      o.put("Version", cert.getVersion());
      o.put("SerialNumber", cert.getSerialNumber());
      o.put("NotBefore", rfc3339(cert.getNotBefore().toInstant()));
      o.put("NotAfter", rfc3339(cert.getNotAfter().toInstant()));
      o.putObject("Subject").put("CommonName", cert.getSubjectX500Principal().getName());
      o.putObject("Issuer").put("CommonName", cert.getIssuerX500Principal().getName());
      ObjectNode pk = o.putObject("PublicKey");
      if (cert.getPublicKey() instanceof RSAPublicKey) {
        RSAPublicKey rsa = (RSAPublicKey) cert.getPublicKey();
        pk.set("N", DecimalNode.valueOf(new BigDecimal(rsa.getModulus())));
        pk.put("E", rsa.getPublicExponent());
      }
      o.put("PublicKeyAlgorithm", cert.getPublicKey().getAlgorithm());
      o.put("SignatureAlgorithm", cert.getSigAlgName());
      return o;
    } catch (CertificateException | RuntimeException e) {
      throw new FunctionException("failed to decode x509 certificate: " + e.getMessage());
    }
  }

  private static String digest(String alg, String in) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(in.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isExternalUrl(String u) {
    try {
      java.net.URI uri = java.net.URI.create(u);
      String host = uri.getHost();
      if (host == null) {
        return false;
      }
      java.net.InetAddress[] addrs = host.matches("[0-9.:]+") ? java.net.InetAddress.getAllByName(host) : null;
      if (addrs == null) {
        return !host.equals("localhost");
      }
      for (java.net.InetAddress a : addrs) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException | java.net.UnknownHostException e) {
      return false;
    }
  }

  /** Arithmetic over numbers, quantities and durations as Kyverno's arithmetic functions do it. */
  static final class Arithmetic {
    private Arithmetic() {}

    static JsonNode number(BigDecimal v) {
      BigDecimal s = v.stripTrailingZeros();
      if (s.scale() <= 0 && s.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
        return Json.NODES.numberNode(s.longValueExact());
      }
      return Json.NODES.numberNode(v.doubleValue());
    }

    static JsonNode apply(char op, JsonNode a, JsonNode b) {
      if (a.isNumber() && b.isNumber()) {
        return number(calc(op, a.decimalValue(), b.decimalValue()));
      }
      BigDecimal da = a.isTextual() ? Quantities.duration(a.textValue()) : null;
      BigDecimal db = b.isTextual() ? Quantities.duration(b.textValue()) : null;
      if (da != null || db != null) {
        BigDecimal x = da != null ? da : a.decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L));
        BigDecimal y = db != null ? db : b.decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L));
        if (op == '/' && da != null && db != null) {
          return number(calc(op, x, y));
        }
        if ((op == '*' || op == '/') && db == null) {
          return text(Quantities.formatDuration(calc(op, x, b.decimalValue())));
        }
        return text(Quantities.formatDuration(calc(op, x, y)));
      }
      BigDecimal qa = a.isTextual() ? Quantities.quantity(a.textValue()) : a.decimalValue();
      BigDecimal qb = b.isTextual() ? Quantities.quantity(b.textValue()) : b.decimalValue();
      if (qa == null || qb == null) {
        throw new FunctionException("invalid operands for arithmetic: " + Json.sprint(a) + ", " + Json.sprint(b));
      }
      if (op == '/' && a.isTextual() && b.isTextual()) {
        return number(calc(op, qa, qb));
      }
      BigDecimal r = calc(op, qa, qb);
      return text(formatQuantity(r, a.isTextual() ? a.textValue() : b.textValue()));
    }

    private static BigDecimal calc(char op, BigDecimal x, BigDecimal y) {
      switch (op) {
        case '+': return x.add(y);
        case '-': return x.subtract(y);
        case '*': return x.multiply(y);
        case '%':
          if (y.signum() == 0) {
            throw new FunctionException("modulo by zero");
          }
          return x.remainder(y);
        default:
          if (y.signum() == 0) {
            throw new FunctionException("division by zero");
          }
          return x.divide(y, MathContext.DECIMAL64);
      }
    }

    private static String formatQuantity(BigDecimal v, String like) {
      String[] bin = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
      for (String suffix : bin) {
        if (like.endsWith(suffix)) {
          BigDecimal unit = Quantities.quantity("1" + suffix);
          for (String s2 : bin) {
            BigDecimal u2 = Quantities.quantity("1" + s2);
            BigDecimal q = v.divide(u2, MathContext.DECIMAL64);
            if (q.stripTrailingZeros().scale() <= 0 && q.abs().compareTo(BigDecimal.ONE) >= 0) {
              return q.stripTrailingZeros().toPlainString() + s2;
            }
          }
          return v.divide(unit, MathContext.DECIMAL64).stripTrailingZeros().toPlainString() + suffix;
        }
      }
      if (v.stripTrailingZeros().scale() > 0) {
        BigDecimal milli = v.multiply(BigDecimal.valueOf(1000));
        if (milli.stripTrailingZeros().scale() <= 0) {
          return milli.toBigInteger() + "m";
        }
      }
      return v.stripTrailingZeros().toPlainString();
    }
  }

  /** Minimal semantic-version ranges ({@code >=1.0.0 <2.0.0}, {@code ||}, {@code !=}). */
  static final class Semver {
    private Semver() {}

    static boolean satisfies(String version, String range) {
      BigInteger[] v = parse(version);
      for (String alt : range.split("\\|\\|")) {
        boolean all = true;
        for (String c : alt.trim().split("\\s+")) {
          if (!c.isEmpty() && !check(v, c)) {
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

    private static boolean check(BigInteger[] v, String c) {
      String op = c.replaceAll("^([<>=!]*).*$", "$1");
      int cmp = compare(v, parse(c.substring(op.length())));
      switch (op) {
        case ">": return cmp > 0;
        case ">=": return cmp >= 0;
        case "<": return cmp < 0;
        case "<=": return cmp <= 0;
        case "!=": case "!": return cmp != 0;
        default: return cmp == 0;
      }
    }

    private static int compare(BigInteger[] a, BigInteger[] b) {
      for (int i = 0; i < 3; i++) {
        int c = a[i].compareTo(b[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }

    private static BigInteger[] parse(String s) {
      String core = s.trim().replaceFirst("^v", "").split("[-+]")[0];
      String[] parts = core.split("\\.");
      BigInteger[] out = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
      try {
        for (int i = 0; i < Math.min(3, parts.length); i++) {
          out[i] = new BigInteger(parts[i]);
        }
      } catch (NumberFormatException e) {
        throw new FunctionException("invalid semantic version " + s);
      }
      return out;
    }
  }
}
