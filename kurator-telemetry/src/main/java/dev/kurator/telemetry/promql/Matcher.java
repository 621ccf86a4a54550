package dev.kurator.telemetry.promql;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher of a selector, e.g. {@code job=~"api.*"}. Regular expressions are fully anchored and {@code .}
 * matches a newline, as in Prometheus 3.x; an absent label matches as the empty string.
 *
 * @param type the comparison
 * @param name the label name
 * @param value the literal or the regular expression source
 */
public record Matcher(Type type, String name, String value) {

  /** Matcher comparison kinds. */
  public enum Type {
    /** {@code =} */
    EQUAL("="),
    /** {@code !=} */
    NOT_EQUAL("!="),
    /** {@code =~} */
    REGEX("=~"),
    /** {@code !~} */
    NOT_REGEX("!~");

    private final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in PromQL. */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * Validates the matcher; regular expressions must compile.
   *
   * @throws IllegalArgumentException when the regular expression is invalid
   */
  public Matcher {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (type == Type.REGEX || type == Type.NOT_REGEX) {
      compile(value);
    }
  }

  /** An equality matcher. */
  public static Matcher equal(String name, String value) {
    return new Matcher(Type.EQUAL, name, value);
  }

  /** A regular-expression matcher. */
  public static Matcher regex(String name, String value) {
    return new Matcher(Type.REGEX, name, value);
  }

  /** True when the (possibly empty) label value satisfies this matcher. */
  public boolean matches(String labelValue) {
    return switch (type) {
      case EQUAL -> value.equals(labelValue);
      case NOT_EQUAL -> !value.equals(labelValue);
      case REGEX -> pattern().matcher(labelValue).matches();
      case NOT_REGEX -> !pattern().matcher(labelValue).matches();
    };
  }

  /** True when the labels satisfy this matcher. */
  public boolean matches(Labels labels) {
    return matches(labels.get(name));
  }

  /** True when this matcher accepts the empty string (so it also selects series lacking the label). */
  public boolean matchesEmpty() {
    return matches("");
  }

  private Pattern pattern() {
    return PatternCache.get(value);
  }

  static Pattern compile(String re) {
    try {
      return PatternCache.get(re);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression \"" + re + "\": " + e.getDescription(), e);
    }
  }

  @Override
  public String toString() {
    return name + type.symbol + "\"" + Labels.escape(value) + "\"";
  }

  /** Compiled patterns shared by equal sources (records keep no transient state). */
  private static final class PatternCache {
    private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();

    static Pattern get(String re) {
      Pattern p = CACHE.get(re);
      if (p == null) {
        String javaRe = re.replace("(?P<", "(?<");
        p = Pattern.compile("(?s:" + javaRe + ")");
        if (CACHE.size() < 10_000) {
          CACHE.put(re, p);
        }
      }
      return p;
    }
  }
}
