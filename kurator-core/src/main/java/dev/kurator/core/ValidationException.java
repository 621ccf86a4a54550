package dev.kurator.core;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Bad input, rejected before anything was done. Carries every problem found, each naming the field path, the
 * offending value and the rule it broke, for example {@code members[2].name: was "Edge_7", must be a DNS-1123 label}.
 */
public class ValidationException extends KuratorException {

  private final List<Problem> problems;

  public ValidationException(List<Problem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  public static ValidationException of(String path, Object value, String rule) {
    return new ValidationException(List.of(new Problem(path, value, rule)));
  }

  /** The problems, in the order they were found; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one problem");
    }
    return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }

  /** One broken rule: where ({@code path}), what was there ({@code value}, may be null) and what is required. */
  public record Problem(String path, Object value, String rule) {
    public Problem {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
      String shown = value instanceof CharSequence ? "\"" + value + "\"" : String.valueOf(value);
      return path + ": was " + shown + ", " + rule;
    }
  }
}
