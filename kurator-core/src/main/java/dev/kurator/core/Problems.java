package dev.kurator.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects validation problems so that a builder can report all of them at once, then throw one
 * {@link ValidationException}.
 */
public final class Problems {

  private final List<ValidationException.Problem> found = new ArrayList<>();

  /** Records a problem at {@code path}. */
  public Problems add(String path, Object value, String rule) {
    found.add(new ValidationException.Problem(path, value, rule));
    return this;
  }

  /** Records a problem at {@code path} when {@code broken} is true. */
  public Problems check(boolean broken, String path, Object value, String rule) {
    if (broken) {
      add(path, value, rule);
    }
    return this;
  }

  /** Adds the problems of a nested exception, prefixing their paths with {@code prefix + "."}. */
  public Problems addAll(String prefix, ValidationException nested) {
    for (ValidationException.Problem p : nested.problems()) {
      found.add(new ValidationException.Problem(prefix.isEmpty() ? p.path() : prefix + "." + p.path(), p.value(), p.rule()));
    }
    return this;
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<ValidationException.Problem> list() {
    return List.copyOf(found);
  }

  /** Throws one exception listing every recorded problem; does nothing when there are none. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ValidationException(found);
    }
  }
}
