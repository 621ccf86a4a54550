package dev.kurator.rollout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small helpers over Jackson trees. */
final class JsonTrees {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonTrees() {}

  /** {@code node} as plain Java values (maps, lists, strings, numbers, booleans). */
  static Object plain(JsonNode node) {
    return JSON.convertValue(node, Object.class);
  }
}
