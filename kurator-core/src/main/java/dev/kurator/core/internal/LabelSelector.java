package dev.kurator.core.internal;

import dev.kurator.core.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A parsed Kubernetes label selector (the string form accepted by {@code kubectl -l}). */
public final class LabelSelector {

  /** One requirement of a selector. */
  public record Requirement(String key, Op op, Set<String> values) {
    public Requirement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(op, "op");
      values = Set.copyOf(values);
    }

    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case EXISTS -> labels.containsKey(key);
        case NOT_EXISTS -> !labels.containsKey(key);
        case IN -> v != null && values.contains(v);
        case NOT_IN -> v == null || !values.contains(v);
      };
    }
  }

  /** Requirement operators; {@code k=v} is {@code IN} with one value, {@code k!=v} is {@code NOT_IN}. */
  public enum Op { IN, NOT_IN, EXISTS, NOT_EXISTS }

  private final String text;
  private final List<Requirement> requirements;

  private LabelSelector(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = List.copyOf(requirements);
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /** Whether all requirements hold for {@code labels}. */
  public boolean matches(Map<String, String> labels) {
    return requirements.stream().allMatch(r -> r.matches(labels));
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws ValidationException naming {@code selector} and the offending text when it does not parse
   */
  public static LabelSelector parse(String text) {
    if (text == null) {
      throw ValidationException.of("selector", null, "must not be null");
    }
    List<Requirement> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      out.add(parseRequirement(text, part.trim()));
    }
    return new LabelSelector(text, out);
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    if (text.isBlank()) {
      return parts;
    }
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static Requirement parseRequirement(String whole, String part) {
    if (part.isEmpty()) {
      throw bad(whole, "has an empty requirement");
    }
    if (part.startsWith("!")) {
      String key = part.substring(1).trim();
      return new Requirement(checkKey(whole, key), Op.NOT_EXISTS, Set.of());
    }
    int ne = part.indexOf("!=");
    if (ne > 0) {
      return new Requirement(checkKey(whole, part.substring(0, ne).trim()), Op.NOT_IN,
          Set.of(checkValue(whole, part.substring(ne + 2).trim())));
    }
    int eq = part.indexOf('=');
    if (eq > 0) {
      int valueStart = part.startsWith("==", eq) ? eq + 2 : eq + 1;
      return new Requirement(checkKey(whole, part.substring(0, eq).trim()), Op.IN,
          Set.of(checkValue(whole, part.substring(valueStart).trim())));
    }
    String[] words = part.split("\\s+", 2);
    if (words.length == 1) {
      return new Requirement(checkKey(whole, words[0]), Op.EXISTS, Set.of());
    }
    String rest = words[1].trim();
    Op op;
    if (rest.startsWith("notin")) {
      op = Op.NOT_IN;
      rest = rest.substring(5).trim();
    } else if (rest.startsWith("in")) {
      op = Op.IN;
      rest = rest.substring(2).trim();
    } else {
      throw bad(whole, "has an unknown operator in \"" + part + "\" (expected =, ==, !=, in, notin)");
    }
    if (!rest.startsWith("(") || !rest.endsWith(")")) {
      throw bad(whole, "needs a parenthesised value list in \"" + part + "\"");
    }
    Set<String> values = new LinkedHashSet<>();
    for (String v : rest.substring(1, rest.length() - 1).split(",")) {
      values.add(checkValue(whole, v.trim()));
    }
    return new Requirement(checkKey(whole, words[0]), op, values);
  }

  private static String checkKey(String whole, String key) {
    if (!Names.isLabelKey(key)) {
      throw bad(whole, "has an invalid label key \"" + key + "\"");
    }
    return key;
  }

  private static String checkValue(String whole, String value) {
    if (!Names.isLabelValue(value)) {
      throw bad(whole, "has an invalid label value \"" + value + "\"");
    }
    return value;
  }

  private static ValidationException bad(String whole, String rule) {
    return ValidationException.of("selector", whole, rule);
  }
}
