package dev.kurator.core.propagation.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.override.internal.JsonPointers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/** Pure functions over object trees: stable hashing and "does the live object carry what we want" comparison. */
public final class Trees {

  private Trees() {}

  /** A stable hash of a tree (key order does not matter): the first 16 hex digits of its SHA-256. */
  public static String hash(JsonNode tree) {
    StringBuilder b = new StringBuilder();
    canonical(tree, b);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  private static void canonical(JsonNode n, StringBuilder b) {
    if (n instanceof ObjectNode o) {
      b.append('{');
      TreeSet<String> keys = new TreeSet<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        b.append('"').append(k).append("\":");
        canonical(o.get(k), b);
        b.append(',');
      }
      b.append('}');
    } else if (n instanceof ArrayNode a) {
      b.append('[');
      a.forEach(e -> {
        canonical(e, b);
        b.append(',');
      });
      b.append(']');
    } else if (n.isNumber()) {
      b.append(n.decimalValue().stripTrailingZeros().toPlainString());
    } else {
      b.append(n.toString());
    }
  }

  /**
   * The JSON pointers where {@code live} does not carry what {@code desired} sets. Fields only the live object has
   * (status, server defaults, labels added by others) are not differences; an empty array or object or a null in
   * {@code desired} matches a missing field.
   */
  public static List<String> mismatches(JsonNode desired, JsonNode live) {
    List<String> out = new ArrayList<>();
    compare(desired, live, "", out);
    return out;
  }

  private static void compare(JsonNode want, JsonNode have, String at, List<String> out) {
    if (isEmpty(want) && (have == null || have.isMissingNode() || isEmpty(have))) {
      return;
    }
    if (have == null || have.isMissingNode() || have.isNull()) {
      out.add(at.isEmpty() ? "/" : at);
      return;
    }
    if (want instanceof ObjectNode wo) {
      if (!(have instanceof ObjectNode ho)) {
        out.add(at);
        return;
      }
      for (Iterator<String> it = wo.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        compare(wo.get(k), ho.get(k), at + "/" + JsonPointers.escape(k), out);
      }
    } else if (want instanceof ArrayNode wa) {
      if (!(have instanceof ArrayNode ha) || ha.size() != wa.size()) {
        out.add(at);
        return;
      }
      for (int i = 0; i < wa.size(); i++) {
        compare(wa.get(i), ha.get(i), at + "/" + i, out);
      }
    } else if (want.isNumber() && have.isNumber()) {
      if (want.decimalValue().compareTo(have.decimalValue()) != 0) {
        out.add(at);
      }
    } else if (!want.equals(have) && !(isQuantityPath(at) && sameQuantity(want, have))) {
      out.add(at);
    }
  }

  /** Resource lists, where the API server may rewrite a quantity ({@code 0.5} to {@code 500m}). */
  private static boolean isQuantityPath(String at) {
    return at.contains("/resources/") || at.contains("/overhead/") || at.contains("/hard/");
  }

  private static boolean sameQuantity(JsonNode want, JsonNode have) {
    try {
      return new io.fabric8.kubernetes.api.model.Quantity(want.asText()).getNumericalAmount()
          .compareTo(new io.fabric8.kubernetes.api.model.Quantity(have.asText()).getNumericalAmount()) == 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isEmpty(JsonNode n) {
    return n == null || n.isNull() || (n.isContainerNode() && n.isEmpty());
  }
}
