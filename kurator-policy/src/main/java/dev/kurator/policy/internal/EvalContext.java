package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON document variables are resolved against ({@code request}, {@code images}, context entries, {@code element}).
 * Mutable while a rule is evaluated; {@link #copy()} gives foreach iterations their own scope.
 */
public final class EvalContext {
  private final ObjectNode data;
  private final boolean delete;
  private final Jmes jmes;

  /** A context over {@code data}. */
  public EvalContext(ObjectNode data, boolean delete, Jmes jmes) {
    this.data = data;
    this.delete = delete;
    this.jmes = jmes;
  }

  /** The backing document. */
  public ObjectNode data() {
    return data;
  }

  /** True for DELETE requests ({@code request.object} reads {@code request.oldObject}). */
  public boolean isDelete() {
    return delete;
  }

  /** Evaluates a JMESPath expression against the document. */
  public JsonNode query(String expression) {
    return jmes.search(expression, data);
  }

  /** Sets a top-level or dotted variable, merging maps along the way. */
  public void put(String dottedName, JsonNode value) {
    ObjectNode cur = data;
    String[] parts = ValuePaths.split(dottedName);
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = cur.get(parts[i]);
      ObjectNode copy = Json.NODES.objectNode();
      if (next != null && next.isObject()) {
        copy.setAll((ObjectNode) next);
      }
      cur.set(parts[i], copy);
      cur = copy;
    }
    cur.set(parts[parts.length - 1], value);
  }

  /** A copy for a nested scope; {@link #put} copies the maps it writes into, so scopes never leak. */
  public EvalContext copy() {
    ObjectNode shallow = Json.NODES.objectNode();
    shallow.setAll(data);
    return new EvalContext(shallow, delete, jmes);
  }

  /** The JMESPath evaluator. */
  public Jmes jmes() {
    return jmes;
  }
}
