package dev.kurator.policy.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed anchor key such as {@code =(name)}; see Kyverno's {@code pkg/engine/anchor}. */
public record Anchor(Type type, String key) {
  private static final Pattern KEY = Pattern.compile("^([+<=X^])?\\((.+)\\)$");

  /** Anchor kinds by their modifier. */
  public enum Type { CONDITION, GLOBAL, EQUALITY, EXISTENCE, NEGATION, ADD_IF_NOT_PRESENT }

  private static final java.util.Map<String, java.util.Optional<Anchor>> CACHE =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Parses a pattern key; null when the key carries no anchor. */
  public static Anchor parse(String s) {
    if (s.isEmpty() || s.charAt(s.length() - 1) != ')') {
      return null;
    }
    java.util.Optional<Anchor> known = CACHE.get(s);
    if (known != null) {
      return known.orElse(null);
    }
    Anchor a = doParse(s);
    if (CACHE.size() < 10_000) {
      CACHE.put(s, java.util.Optional.ofNullable(a));
    }
    return a;
  }

  private static Anchor doParse(String s) {
    Matcher m = KEY.matcher(s);
    if (!m.matches()) {
      return null;
    }
    String mod = m.group(1);
    Type t;
    if (mod == null) {
      t = Type.CONDITION;
    } else {
      switch (mod) {
        case "<": t = Type.GLOBAL; break;
        case "=": t = Type.EQUALITY; break;
        case "^": t = Type.EXISTENCE; break;
        case "X": t = Type.NEGATION; break;
        default: t = Type.ADD_IF_NOT_PRESENT; break;
      }
    }
    return new Anchor(t, m.group(2));
  }

  /** The plain key of a possibly anchored key. */
  public static String strip(String s) {
    Anchor a = parse(s);
    return a == null ? s : a.key();
  }

  /** The modifier text that precedes the parenthesis. */
  public String prefix() {
    switch (type) {
      case GLOBAL: return "<";
      case EQUALITY: return "=";
      case EXISTENCE: return "^";
      case NEGATION: return "X";
      case ADD_IF_NOT_PRESENT: return "+";
      default: return "";
    }
  }
}
