package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kyverno's any/all conditions and their operators ({@code pkg/engine/variables/operator}). */
public final class Conditions {
  private static final Pattern RANGE =
      Pattern.compile("^([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)-([-|+]?\\d+(?:\\.\\d+)?[A-Za-z]*)$");

  /** Outcome of a condition block: whether it holds and the messages of the deciding conditions. */
  public record Outcome(boolean holds, String message) {}

  private Conditions() {}

  /**
   * Evaluates {@code {any, all}} (or a legacy list meaning all) after variable substitution.
   *
   * @throws Variables.SubstitutionException when a key or value cannot be resolved
   */
  public static Outcome evaluate(JsonNode block, EvalContext ctx) {
    if (Json.isNull(block)) {
      return new Outcome(true, "");
    }
    if (block.isArray()) {
      return all(block, ctx);
    }
    JsonNode any = block.get("any");
    JsonNode all = block.get("all");
    Outcome anyOut = any == null || any.isNull() ? new Outcome(true, "") : any(any, ctx);
    Outcome allOut = all == null || all.isNull() ? new Outcome(true, "") : all(all, ctx);
    boolean holds = anyOut.holds() && allOut.holds();
    List<String> msgs = new ArrayList<>();
    if (!anyOut.message().isEmpty()) {
      msgs.add(anyOut.message());
    }
    if (!allOut.message().isEmpty()) {
      msgs.add(allOut.message());
    }
    return new Outcome(holds, String.join("; ", msgs));
  }

  private static Outcome any(JsonNode list, EvalContext ctx) {
    List<String> falseMsgs = new ArrayList<>();
    for (JsonNode c : list) {
      boolean r = condition(c, ctx);
      String msg = message(c, ctx);
      if (r) {
        return new Outcome(true, msg);
      }
      if (!msg.isEmpty()) {
        falseMsgs.add(msg);
      }
    }
    return new Outcome(list.isEmpty(), String.join("; ", falseMsgs));
  }

  private static Outcome all(JsonNode list, EvalContext ctx) {
    List<String> msgs = new ArrayList<>();
    for (JsonNode c : list) {
      boolean r = condition(c, ctx);
      String msg = message(c, ctx);
      if (!r) {
        return new Outcome(false, msg);
      }
      if (!msg.isEmpty()) {
        msgs.add(msg);
      }
    }
    return new Outcome(true, String.join("; ", msgs));
  }

  private static String message(JsonNode c, EvalContext ctx) {
    JsonNode m = c.get("message");
    if (m == null || m.isNull()) {
      return "";
    }
    try {
      JsonNode v = Variables.substituteAll(m, ctx);
      return v.isTextual() ? v.textValue() : Json.sprint(v);
    } catch (Variables.SubstitutionException e) {
      return m.asText();
    }
  }

  private static boolean condition(JsonNode c, EvalContext ctx) {
    JsonNode key = Variables.substituteAll(Json.orNull(c.get("key")), ctx);
    JsonNode value = Variables.substituteAll(Json.orNull(c.get("value")), ctx);
    String op = c.path("operator").asText("");
    return apply(op, key, value);
  }

  /** Applies a named operator (case-insensitive) to a resolved key and value. */
  public static boolean apply(String operator, JsonNode key, JsonNode value) {
    switch (operator.toLowerCase(Locale.ROOT)) {
      case "equals":
      case "equal":
        return equals(key, value);
      case "notequals":
      case "notequal":
        return !equals(key, value);
      case "in":
        return in(key, value);
      case "notin":
        return !in(key, value);
      case "anyin":
        return setOp(key, value, true, true);
      case "allin":
        return setOp(key, value, false, true);
      case "anynotin":
        return setOp(key, value, true, false);
      case "allnotin":
        return setOp(key, value, false, false);
      case "greaterthan":
      case "durationgreaterthan":
        return compare(key, value, c -> c > 0);
      case "greaterthanorequals":
      case "durationgreaterthanorequals":
        return compare(key, value, c -> c >= 0);
      case "lessthan":
      case "durationlessthan":
        return compare(key, value, c -> c < 0);
      case "lessthanorequals":
      case "durationlessthanorequals":
        return compare(key, value, c -> c <= 0);
      default:
        throw new IllegalArgumentException("unknown condition operator \"" + operator + "\"");
    }
  }

  static boolean equals(JsonNode key, JsonNode value) {
    if (Json.isNull(key)) {
      return Json.isNull(value);
    }
    if (key.isTextual()) {
      String k = key.textValue();
      BigDecimal kd = durationSeconds(key);
      BigDecimal vd = durationSeconds(value);
      if ((isDuration(key) || isDuration(value)) && kd != null && vd != null) {
        return kd.compareTo(vd) == 0;
      }
      BigDecimal kq = Quantities.quantity(k);
      if (kq != null && value != null && value.isTextual()) {
        BigDecimal vq = Quantities.quantity(value.textValue());
        if (vq != null) {
          return kq.compareTo(vq) == 0;
        }
      }
      if (value != null && value.isTextual()) {
        return Wildcard.match(value.textValue(), k);
      }
      return false;
    }
    if (key.isNumber()) {
      if (value != null && value.isNumber()) {
        return key.decimalValue().compareTo(value.decimalValue()) == 0;
      }
      if (value != null && value.isTextual()) {
        try {
          return key.decimalValue().compareTo(new BigDecimal(value.textValue().trim())) == 0;
        } catch (NumberFormatException e) {
          BigDecimal vd = Quantities.duration(value.textValue());
          return vd != null && vd.compareTo(key.decimalValue().multiply(BigDecimal.valueOf(1_000_000_000L))) == 0;
        }
      }
      return false;
    }
    if (key.isBoolean()) {
      return value != null && value.isBoolean() && value.booleanValue() == key.booleanValue();
    }
    return deepEquals(key, value);
  }

  /** Structural equality with numbers compared by value. */
  public static boolean deepEquals(JsonNode a, JsonNode b) {
    if (Json.isNull(a) || Json.isNull(b)) {
      return Json.isNull(a) && Json.isNull(b);
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!deepEquals(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (var e : Json.fields(a)) {
        if (!b.has(e.getKey()) || !deepEquals(e.getValue(), b.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static boolean in(JsonNode key, JsonNode value) {
    if (key != null && key.isArray()) {
      List<String> values = stringList(value);
      for (JsonNode k : key) {
        if (!values.contains(Json.sprint(k))) {
          return false;
        }
      }
      return true;
    }
    String k = Json.sprint(key);
    if (value != null && value.isArray()) {
      for (JsonNode v : value) {
        String vs = Json.sprint(v);
        if (Wildcard.match(vs, k) || Wildcard.match(k, vs)) {
          return true;
        }
      }
      return false;
    }
    if (value != null && value.isTextual()) {
      JsonNode parsed = parseJsonArray(value.textValue());
      if (parsed != null) {
        return in(key, parsed);
      }
      return Wildcard.match(value.textValue(), k);
    }
    return false;
  }

  private static boolean setOp(JsonNode key, JsonNode value, boolean any, boolean in) {
    List<String> keys = new ArrayList<>();
    if (key != null && key.isArray()) {
      key.forEach(k -> keys.add(Json.sprint(k)));
    } else {
      keys.add(Json.sprint(key));
    }
    Matcher range = value != null && value.isTextual() ? RANGE.matcher(value.textValue()) : null;
    List<String> values = range != null && range.matches() ? null : stringList(value);
    int found = 0;
    for (String k : keys) {
      boolean member;
      if (values == null) {
        member = StringPattern.matchesString(com.fasterxml.jackson.databind.node.TextNode.valueOf(k),
            value.textValue());
      } else {
        member = false;
        for (String v : values) {
          if (Wildcard.match(v, k) || Wildcard.match(k, v)) {
            member = true;
            break;
          }
        }
      }
      if (member == in) {
        found++;
      }
    }
    return any ? found > 0 : found == keys.size();
  }

  private static List<String> stringList(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (value.isArray()) {
      value.forEach(v -> out.add(Json.sprint(v)));
      return out;
    }
    if (value.isTextual()) {
      JsonNode parsed = parseJsonArray(value.textValue());
      if (parsed != null) {
        parsed.forEach(v -> out.add(Json.sprint(v)));
        return out;
      }
    }
    out.add(Json.sprint(value));
    return out;
  }

  private static JsonNode parseJsonArray(String s) {
    String t = s.trim();
    if (!t.startsWith("[")) {
      return null;
    }
    try {
      JsonNode n = Json.JSON.readTree(t);
      return n.isArray() ? n : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private interface Cmp {
    boolean test(int c);
  }

  private static boolean isDuration(JsonNode n) {
    return n != null && n.isTextual() && !n.textValue().equals("0") && Quantities.duration(n.textValue()) != null;
  }

  private static BigDecimal durationSeconds(JsonNode n) {
    if (n == null) {
      return null;
    }
    if (n.isNumber()) {
      return n.decimalValue();
    }
    if (n.isTextual()) {
      BigDecimal d = Quantities.duration(n.textValue());
      return d == null ? null : d.movePointLeft(9);
    }
    return null;
  }

  private static boolean compare(JsonNode key, JsonNode value, Cmp cmp) {
    if (Json.isNull(key) || Json.isNull(value)) {
      return false;
    }
    if (isDuration(key) || isDuration(value)) {
      BigDecimal k = durationSeconds(key);
      BigDecimal v = durationSeconds(value);
      if (k != null && v != null) {
        return cmp.test(k.compareTo(v));
      }
    }
    String ks = key.isTextual() ? key.textValue() : Json.sprint(key);
    String vs = value.isTextual() ? value.textValue() : Json.sprint(value);
    BigDecimal kq = Quantities.quantity(ks);
    BigDecimal vq = Quantities.quantity(vs);
    if (kq != null && vq != null) {
      return cmp.test(kq.compareTo(vq));
    }
    try {
      int[] a = semver(ks);
      int[] b = semver(vs);
      if (a != null && b != null) {
        for (int i = 0; i < 3; i++) {
          if (a[i] != b[i]) {
            return cmp.test(Integer.compare(a[i], b[i]));
          }
        }
        return cmp.test(0);
      }
    } catch (NumberFormatException e) {
      return false;
    }
    return false;
  }

  private static int[] semver(String s) {
    Matcher m = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:[-+].*)?$").matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
  }
}
