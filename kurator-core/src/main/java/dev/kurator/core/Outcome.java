package dev.kurator.core;

import dev.kurator.core.spi.RuleResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened on one cluster for one resource in a fan-out. Successes: {@link Applied}, {@link Unchanged},
 * {@link Found}, {@link Deleted}, {@link NotFound}. Failures: {@link Failed}, {@link Unavailable}, {@link Denied}.
 * {@link Skipped} is neither: the call was not made because of something that happened elsewhere.
 *
 * @param <T> the value type of the operation (the resource type for apply and get, a list for list)
 */
public sealed interface Outcome<T> {

  /** Whether the operation did what was asked (including finding that nothing had to be done). */
  default boolean isSuccess() {
    return this instanceof Applied || this instanceof Unchanged || this instanceof Found || this instanceof Deleted
        || this instanceof NotFound;
  }

  /** Whether this outcome counts as a failure in {@link FleetResult#failures()}. */
  default boolean isFailure() {
    return !isSuccess() && !(this instanceof Skipped);
  }

  /** The object the cluster holds after the operation (applied, unchanged or found), when there is one. */
  default Optional<T> value() {
    if (this instanceof Applied<T> a) {
      return Optional.of(a.object());
    }
    if (this instanceof Unchanged<T> u) {
      return Optional.of(u.object());
    }
    if (this instanceof Found<T> f) {
      return Optional.of(f.object());
    }
    return Optional.empty();
  }

  /** A one-line, credential-free description for tables and logs. */
  String describe();

  /** The object was created ({@code created}) or updated; {@code object} is what the cluster returned. */
  record Applied<T>(T object, boolean created) implements Outcome<T> {
    public Applied {
      Objects.requireNonNull(object, "object");
    }



    @Override
    public String describe() {
      return created ? "created" : "updated";
    }
  }

  /** The live object already matched the desired one; nothing was written. */
  record Unchanged<T>(T object) implements Outcome<T> {
    public Unchanged {
      Objects.requireNonNull(object, "object");
    }



    @Override
    public String describe() {
      return "unchanged";
    }
  }

  /** A get found {@code object}, or a list found the items in {@code object}. */
  record Found<T>(T object) implements Outcome<T> {
    public Found {
      Objects.requireNonNull(object, "object");
    }



    @Override
    public String describe() {
      return "found";
    }
  }

  /** The object was deleted. */
  record Deleted<T>() implements Outcome<T> {

    @Override
    public String describe() {
      return "deleted";
    }
  }

  /** The object does not exist on the cluster (a get or delete found nothing). */
  record NotFound<T>() implements Outcome<T> {

    @Override
    public String describe() {
      return "not found";
    }
  }

  /**
   * The call failed after {@code attempts} tries (retryable failures are retried); {@code cause} is the last error.
   */
  record Failed<T>(Throwable cause, int attempts) implements Outcome<T> {
    public Failed {
      Objects.requireNonNull(cause, "cause");
    }


    /** The cause's message, followed by its root cause's (e.g. the refused connection) when that adds anything. */
    public String message() {
      String top = cause.getMessage() == null ? cause.getClass().getSimpleName()
          : cause.getMessage().replaceAll("\\s+", " ").strip();
      Throwable root = cause;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      if (root != cause) {
        String why = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        if (!top.contains(why)) {
          return top + " (" + why + ")";
        }
      }
      return top;
    }

    @Override
    public String describe() {
      return "failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + message();
    }
  }

  /** The member's circuit breaker is open: the call was not attempted. It is probed again after a while. */
  record Unavailable<T>(String reason) implements Outcome<T> {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }


    @Override
    public String describe() {
      return "unavailable: " + reason;
    }
  }

  /** An admission gate denied this cluster's variant of the resource; nothing was written anywhere. */
  record Denied<T>(String gate, List<RuleResult> results) implements Outcome<T> {
    public Denied {
      Objects.requireNonNull(gate, "gate");
      results = List.copyOf(results);
    }


    @Override
    public String describe() {
      List<String> failed = results.stream().filter(r -> !r.allowed()).map(RuleResult::toString).toList();
      return "denied by " + gate + ": " + (failed.isEmpty() ? results : failed);
    }
  }

  /** The call was not made because of {@code reason} (e.g. another cluster's variant was denied). */
  record Skipped<T>(String reason) implements Outcome<T> {
    public Skipped {
      Objects.requireNonNull(reason, "reason");
    }


    @Override
    public String describe() {
      return "skipped: " + reason;
    }
  }
}
