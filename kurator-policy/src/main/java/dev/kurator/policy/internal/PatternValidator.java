package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kyverno's validate pattern walk ({@code MatchPattern}): anchors first in sorted order, then the other keys with
 * anchored subtrees first; skip, fail and error are told apart exactly as the engine does.
 */
public final class PatternValidator {

  /** Kinds of pattern errors. */
  enum Kind { CONDITIONAL, GLOBAL, NEGATION, LIST_SKIP, PLAIN }

  /** A pattern error with the path at which it was found. */
  record Err(Kind kind, String path, String message) {
    boolean isSkip() {
      return kind == Kind.CONDITIONAL || kind == Kind.GLOBAL || kind == Kind.LIST_SKIP;
    }
  }

  /** Outcome of matching a whole pattern. */
  public record Result(Status status, String path, String message) {
    /** Overall outcome. */
    public enum Status { PASS, FAIL, SKIP, ERROR }

    static final Result PASS = new Result(Status.PASS, "", "");
  }

  private final Map<String, Boolean> anchorSeen = new HashMap<>();

  private PatternValidator() {}

  /** Matches {@code resource} against {@code pattern} from the root path {@code /}. */
  public static Result match(JsonNode resource, JsonNode pattern) {
    PatternValidator v = new PatternValidator();
    Err err = v.element(resource, pattern, "/");
    if (err == null) {
      return Result.PASS;
    }
    if (err.isSkip()) {
      return new Result(Result.Status.SKIP, "", err.message());
    }
    if (err.kind() == Kind.NEGATION) {
      return new Result(Result.Status.FAIL, err.path(), err.message());
    }
    if (v.anchorSeen.containsValue(Boolean.FALSE)) {
      return new Result(Result.Status.ERROR, "", err.message());
    }
    return new Result(Result.Status.FAIL, err.path(), err.message());
  }

  private Err element(JsonNode resource, JsonNode pattern, String path) {
    if (pattern != null && pattern.isObject()) {
      if (resource == null || !resource.isObject()) {
        return new Err(Kind.PLAIN, path, "pattern and resource have different structures. Path: " + path);
      }
      checkAnchors(pattern, resource);
      return map(resource, pattern, path);
    }
    if (pattern != null && pattern.isArray()) {
      if (resource == null || !resource.isArray()) {
        return new Err(Kind.PLAIN, path, "validation rule failed at path " + path
            + ", resource does not satisfy the expected overlay pattern");
      }
      return array(resource, pattern, path);
    }
    if (resource != null && resource.isArray()) {
      for (JsonNode r : resource) {
        if (!StringPattern.matches(r, pattern)) {
          return mismatch(resource, pattern, path);
        }
      }
      return null;
    }
    return StringPattern.matches(resource, pattern) ? null : mismatch(resource, pattern, path);
  }

  private static Err mismatch(JsonNode resource, JsonNode pattern, String path) {
    return new Err(Kind.PLAIN, path, "resource value '" + Json.sprint(resource) + "' does not match '"
        + Json.sprint(pattern) + "' at path " + path);
  }

  private void checkAnchors(JsonNode pattern, JsonNode resource) {
    for (Iterator<String> it = pattern.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      Anchor a = Anchor.parse(key);
      if (a != null && (a.type() == Anchor.Type.CONDITION || a.type() == Anchor.Type.EXISTENCE
          || a.type() == Anchor.Type.NEGATION)) {
        if (!Boolean.TRUE.equals(anchorSeen.get(key))) {
          anchorSeen.put(key, resource.has(a.key()));
        }
      }
    }
  }

  /**
   * The evaluation order of one pattern map: validation anchors sorted, then global anchors and keys whose subtree
   * holds anchors, then the other keys (sorted).
   */
  private record Plan(List<String> anchorKeys, List<Anchor> anchors, List<String> otherKeys, List<Anchor> globals) {}

  private static final IdentityMemo<Plan> PLANS = new IdentityMemo<>(PatternValidator::plan, 10_000);

  private static Plan plan(JsonNode pattern) {
    TreeMap<String, Anchor> anchors = new TreeMap<>();
    TreeMap<String, Anchor> others = new TreeMap<>();
    for (Iterator<String> it = pattern.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      Anchor a = Anchor.parse(key);
      if (a != null && a.type() != Anchor.Type.GLOBAL && a.type() != Anchor.Type.ADD_IF_NOT_PRESENT) {
        anchors.put(key, a);
      } else {
        others.put(key, a);
      }
    }
    List<String> ordered = new ArrayList<>();
    List<String> tail = new ArrayList<>();
    for (Map.Entry<String, Anchor> e : others.entrySet()) {
      Anchor a = e.getValue();
      if ((a != null && a.type() == Anchor.Type.GLOBAL) || hasNestedAnchors(pattern.get(e.getKey()))) {
        ordered.add(0, e.getKey());
      } else {
        tail.add(e.getKey());
      }
    }
    ordered.addAll(tail);
    List<Anchor> globals = new ArrayList<>();
    for (String k : ordered) {
      Anchor a = others.get(k);
      globals.add(a != null && a.type() == Anchor.Type.GLOBAL ? a : null);
    }
    return new Plan(List.copyOf(anchors.keySet()), List.copyOf(anchors.values()), ordered,
        java.util.Collections.unmodifiableList(globals));
  }

  private Err map(JsonNode resource, JsonNode rawPattern, String path) {
    JsonNode pattern = expandMetadata(rawPattern, resource);
    Plan plan = PLANS.get(pattern);
    Err deferredSkip = null;
    int applied = 0;
    for (int i = 0; i < plan.anchorKeys().size(); i++) {
      String key = plan.anchorKeys().get(i);
      Anchor a = plan.anchors().get(i);
      Err err = handle(a, key, pattern.get(key), resource, path);
      if (err == null) {
        if (resource.has(a.key())) {
          applied++;
        }
        continue;
      }
      if (err.kind() == Kind.LIST_SKIP) {
        deferredSkip = err;
        continue;
      }
      return err;
    }
    if (deferredSkip != null && applied == 0) {
      return deferredSkip;
    }
    for (int i = 0; i < plan.otherKeys().size(); i++) {
      String key = plan.otherKeys().get(i);
      Err err = handle(plan.globals().get(i), key, pattern.get(key), resource, path);
      if (err != null) {
        // keys whose subtree holds anchors come first, so a nested skip ends the map before plain keys are checked
        return err;
      }
    }
    return null;
  }

  private Err handle(Anchor a, String key, JsonNode pattern, JsonNode resource, String path) {
    if (a == null) {
      String current = path + key + "/";
      JsonNode value = resource.get(key);
      if (pattern.isTextual() && pattern.textValue().equals("*")) {
        return Json.isNull(value) ? new Err(Kind.PLAIN, path, path + "/" + key + " not found") : null;
      }
      return element(value, pattern, current);
    }
    String current = path + a.key() + "/";
    JsonNode value = resource.get(a.key());
    switch (a.type()) {
      case NEGATION:
        return resource.has(a.key())
            ? new Err(Kind.NEGATION, current, "negation anchor matched in resource: " + current + " is not allowed")
            : null;
      case EQUALITY:
        return resource.has(a.key()) ? element(value, pattern, current) : null;
      case CONDITION: {
        if (!resource.has(a.key())) {
          return new Err(Kind.CONDITIONAL, current,
              "conditional anchor mismatch: conditional anchor key doesn't exist in the resource");
        }
        Err err = element(value, pattern, current);
        return err == null ? null : new Err(Kind.CONDITIONAL, err.path(), "conditional anchor mismatch: " + err.message());
      }
      case GLOBAL: {
        if (!resource.has(a.key())) {
          return null;
        }
        Err err = element(value, pattern, current);
        return err == null ? null : new Err(Kind.GLOBAL, err.path(), "global anchor mismatch: " + err.message());
      }
      case EXISTENCE:
        return existence(value, resource.has(a.key()), pattern, current);
      default:
        return element(value, pattern, current);
    }
  }

  private Err existence(JsonNode value, boolean present, JsonNode pattern, String current) {
    if (!present) {
      return null;
    }
    if (value == null || !value.isArray()) {
      return new Err(Kind.PLAIN, current, "invalid resource type: existence ^() anchor can be used only on list/array"
          + " type resource");
    }
    if (!pattern.isArray()) {
      return new Err(Kind.PLAIN, current, "invalid pattern type: pattern has to be a list to compare against resource");
    }
    for (JsonNode p : pattern) {
      if (!p.isObject()) {
        return new Err(Kind.PLAIN, current, "invalid pattern type: pattern has to be a list of maps");
      }
      boolean found = false;
      for (int i = 0; i < value.size() && !found; i++) {
        found = element(value.get(i), p, current + i + "/") == null;
      }
      if (!found) {
        return new Err(Kind.PLAIN, current, "existence anchor validation failed at path " + current);
      }
    }
    return null;
  }

  private Err array(JsonNode resource, JsonNode pattern, String path) {
    if (pattern.isEmpty()) {
      return new Err(Kind.PLAIN, path, "pattern Array empty");
    }
    JsonNode first = pattern.get(0);
    if (first.isObject()) {
      return elements(resource.size(), i -> element(resource.get(i), first, path + i + "/"), path);
    }
    if (!first.isArray()) {
      return element(resource, first, path);
    }
    if (resource.size() < pattern.size()) {
      return new Err(Kind.PLAIN, "", "validate Array failed, array length mismatch, resource Array len is "
          + resource.size() + " and pattern Array len is " + pattern.size());
    }
    return elements(pattern.size(), i -> element(resource.get(i), pattern.get(i), path + i + "/"), path);
  }

  /** Checks list elements: skipped elements are ignored, and the list skips only when every element skipped. */
  private static Err elements(int count, java.util.function.IntFunction<Err> check, String path) {
    int applied = 0;
    Err lastSkip = null;
    for (int i = 0; i < count; i++) {
      Err err = check.apply(i);
      if (err == null) {
        applied++;
      } else if (err.isSkip()) {
        lastSkip = err;
      } else {
        return err;
      }
    }
    if (applied == 0 && lastSkip != null) {
      return new Err(Kind.LIST_SKIP, path, lastSkip.message());
    }
    return null;
  }

  private static final IdentityMemo<Boolean> NESTED =
      IdentityMemo.of(PatternValidator::computeNestedAnchors, 10_000);

  /** True when the pattern subtree contains any validation anchor (memoised per pattern node). */
  static boolean hasNestedAnchors(JsonNode pattern) {
    return pattern.isContainerNode() && NESTED.test(pattern);
  }

  private static boolean computeNestedAnchors(JsonNode pattern) {
    if (pattern.isObject()) {
      for (Iterator<String> it = pattern.fieldNames(); it.hasNext(); ) {
        Anchor a = Anchor.parse(it.next());
        if (a != null && a.type() != Anchor.Type.ADD_IF_NOT_PRESENT) {
          return true;
        }
      }
      for (JsonNode v : pattern) {
        if (hasNestedAnchors(v)) {
          return true;
        }
      }
      return false;
    }
    if (pattern.isArray()) {
      for (JsonNode v : pattern) {
        if (hasNestedAnchors(v)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Replaces wildcard label and annotation keys by the first matching resource key ({@code ExpandInMetadata}). */
  static JsonNode expandMetadata(JsonNode pattern, JsonNode resource) {
    JsonNode pm = null;
    String metaKey = null;
    for (Iterator<String> it = pattern.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (k.startsWith("metadata") || k.endsWith("(metadata)")) {
        metaKey = k;
        pm = pattern.get(k);
      }
    }
    if (pm == null || !pm.isObject() || !Anchor.strip(metaKey).equals("metadata")) {
      return pattern;
    }
    JsonNode rm = resource.get("metadata");
    ObjectNode newMeta = null;
    for (String section : new String[] {"labels", "annotations"}) {
      for (Iterator<String> it = pm.fieldNames(); it.hasNext(); ) {
        String sk = it.next();
        if (!Anchor.strip(sk).equals(section) || !pm.get(sk).isObject()) {
          continue;
        }
        JsonNode rs = rm == null ? null : rm.get(section);
        ObjectNode replaced = Json.NODES.objectNode();
        boolean changed = false;
        for (Map.Entry<String, JsonNode> e : Json.fields(pm.get(sk))) {
          Anchor a = Anchor.parse(e.getKey());
          String plain = a == null ? e.getKey() : a.key();
          String newKey = e.getKey();
          if (Wildcard.hasWildcard(plain) && rs != null && rs.isObject()) {
            List<String> keys = new ArrayList<>();
            rs.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            for (String rk : keys) {
              if (Wildcard.match(plain, rk)) {
                newKey = a == null ? rk : a.prefix() + "(" + rk + ")";
                changed = true;
                break;
              }
            }
          }
          replaced.set(newKey, e.getValue());
        }
        if (changed) {
          if (newMeta == null) {
            newMeta = pm.deepCopy();
          }
          newMeta.set(sk, replaced);
        }
      }
    }
    if (newMeta == null) {
      return pattern;
    }
    ObjectNode copy = pattern.deepCopy();
    copy.set(metaKey, newMeta);
    return copy;
  }
}
