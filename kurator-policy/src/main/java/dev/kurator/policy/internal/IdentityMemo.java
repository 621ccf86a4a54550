package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Memoises a property of policy tree nodes by identity: policy documents are evaluated many times, and their nodes
 * are never mutated. Bounded: the memo is dropped when it grows past its limit (trees built per evaluation would
 * otherwise fill it).
 */
final class IdentityMemo {
  private final Map<JsonNode, Boolean> memo = new IdentityHashMap<>();
  private final Predicate<JsonNode> compute;
  private final int limit;

  IdentityMemo(Predicate<JsonNode> compute, int limit) {
    this.compute = compute;
    this.limit = limit;
  }

  boolean test(JsonNode n) {
    synchronized (memo) {
      Boolean known = memo.get(n);
      if (known != null) {
        return known;
      }
    }
    boolean result = compute.test(n);
    synchronized (memo) {
      if (memo.size() > limit) {
        memo.clear();
      }
      memo.put(n, result);
    }
    return result;
  }
}
