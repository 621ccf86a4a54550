package dev.kurator.core.override.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The add, replace and remove operations of JSON Patch (RFC 6902) over Jackson trees, in place. Failures throw
 * {@link PatchException} saying which pointer and why.
 */
public final class JsonPatch {

  private JsonPatch() {}

  /** A patch operation that could not be applied. */
  public static final class PatchException extends RuntimeException {
    public PatchException(String message) {
      super(message);
    }
  }

  /** Adds {@code value} at {@code pointer}: sets an object member, inserts into an array ({@code -} appends). */
  public static void add(JsonNode root, String pointer, JsonNode value) {
    List<String> tokens = JsonPointers.parse(pointer);
    JsonNode parent = parent(root, tokens, pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value.deepCopy());
      } else {
        int index = index(last, pointer);
        if (index > array.size()) {
          throw new PatchException(pointer + ": index " + index + " is past the end of an array of " + array.size());
        }
        array.insert(index, value.deepCopy());
      }
    } else {
      throw new PatchException(pointer + ": parent is not an object or array");
    }
  }

  /** Replaces the existing value at {@code pointer}. */
  public static void replace(JsonNode root, String pointer, JsonNode value) {
    List<String> tokens = JsonPointers.parse(pointer);
    JsonNode parent = parent(root, tokens, pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      requireMember(object, last, pointer);
      object.set(last, value.deepCopy());
    } else if (parent instanceof ArrayNode array) {
      array.set(existingIndex(array, last, pointer), value.deepCopy());
    } else {
      throw new PatchException(pointer + ": parent is not an object or array");
    }
  }

  /** Removes the existing value at {@code pointer}. */
  public static void remove(JsonNode root, String pointer) {
    List<String> tokens = JsonPointers.parse(pointer);
    JsonNode parent = parent(root, tokens, pointer);
    String last = tokens.get(tokens.size() - 1);
    if (parent instanceof ObjectNode object) {
      requireMember(object, last, pointer);
      object.remove(last);
    } else if (parent instanceof ArrayNode array) {
      array.remove(existingIndex(array, last, pointer));
    } else {
      throw new PatchException(pointer + ": parent is not an object or array");
    }
  }

  /** The value at {@code pointer}, or null when there is none. */
  public static JsonNode get(JsonNode root, String pointer) {
    JsonNode node = root;
    for (String token : JsonPointers.parse(pointer)) {
      node = child(node, token);
      if (node == null) {
        return null;
      }
    }
    return node;
  }

  private static JsonNode parent(JsonNode root, List<String> tokens, String pointer) {
    JsonNode node = root;
    for (int i = 0; i < tokens.size() - 1; i++) {
      node = child(node, tokens.get(i));
      if (node == null) {
        throw new PatchException(pointer + ": \"" + tokens.get(i) + "\" does not exist");
      }
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String token) {
    if (node instanceof ObjectNode object) {
      return object.get(token);
    }
    if (node instanceof ArrayNode array) {
      try {
        int i = Integer.parseInt(token);
        return i >= 0 && i < array.size() ? array.get(i) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static void requireMember(ObjectNode object, String name, String pointer) {
    if (!object.has(name)) {
      throw new PatchException(pointer + ": \"" + name + "\" does not exist");
    }
  }

  private static int existingIndex(ArrayNode array, String token, String pointer) {
    int index = index(token, pointer);
    if (index >= array.size()) {
      throw new PatchException(pointer + ": index " + index + " does not exist in an array of " + array.size());
    }
    return index;
  }

  private static int index(String token, String pointer) {
    if (!token.matches("0|[1-9][0-9]{0,8}")) {
      throw new PatchException(pointer + ": \"" + token + "\" is not an array index");
    }
    return Integer.parseInt(token);
  }
}
