package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Memoises a property of policy tree nodes by identity: policy documents are evaluated many times, and their nodes
 * are never mutated. Bounded: the memo is dropped when it grows past its limit (trees built per evaluation would
 * otherwise fill it).
 */
final class IdentityMemo<V> {
  private final Map<JsonNode, V> memo = new IdentityHashMap<>();
  private final Function<JsonNode, V> compute;
  private final int limit;

  IdentityMemo(Function<JsonNode, V> compute, int limit) {
    this.compute = compute;
    this.limit = limit;
  }

  /** A memo of a yes/no property. */
  static IdentityMemo<Boolean> of(Predicate<JsonNode> property, int limit) {
    return new IdentityMemo<>(property::test, limit);
  }

  boolean test(JsonNode n) {
    return Boolean.TRUE.equals(get(n));
  }

  V get(JsonNode n) {
    synchronized (memo) {
      V known = memo.get(n);
      if (known != null) {
        return known;
      }
    }
    V result = compute.apply(n);
    synchronized (memo) {
      if (memo.size() > limit) {
        memo.clear();
      }
      memo.put(n, result);
    }
    return result;
  }
}
