package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burt.jmespath.Adapter;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathType;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.function.ArgumentConstraint;
import io.burt.jmespath.function.ArgumentConstraints;
import io.burt.jmespath.function.BaseFunction;
import io.burt.jmespath.function.FunctionArgument;
import io.burt.jmespath.function.FunctionRegistry;
import io.burt.jmespath.jackson.JacksonRuntime;
import io.burt.jmespath.node.CreateObjectNode;
import io.burt.jmespath.node.Node;
import io.burt.jmespath.node.NodeFactory;
import io.burt.jmespath.node.Operator;
import io.burt.jmespath.node.StandardNodeFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JMESPath over Jackson trees with Kyverno's strict missing-key behaviour: looking up a key that an object lacks
 * raises {@link MissingKeyException}, except on the left of {@code ||}, inside projections and inside filters, where it
 * reads as null. Kyverno's custom functions are registered on top of the standard set.
 */
public final class Jmes {

  /** Raised when a field lookup hits an object that lacks the key ({@code Unknown key "x" in path}). */
  public static final class MissingKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingKeyException(String key) {
      super("Unknown key \"" + key + "\" in path", null, false, false);
    }
  }

  private static final Map<String, Expression<JsonNode>> CACHE = new ConcurrentHashMap<>();
  private static volatile Jmes defaultInstance;
  private final StrictRuntime runtime;

  private Jmes(Clock clock) {
    FunctionRegistry registry = FunctionRegistry.defaultRegistry().extend(KyvernoFunctions.all(clock));
    this.runtime = new StrictRuntime(RuntimeConfiguration.builder().withFunctionRegistry(registry).build());
  }

  /** The shared instance on the system UTC clock. */
  public static Jmes get() {
    Jmes j = defaultInstance;
    if (j == null) {
      j = new Jmes(Clock.systemUTC());
      defaultInstance = j;
    }
    return j;
  }

  /** Evaluates {@code expression} against {@code data}. */
  public JsonNode search(String expression, JsonNode data) {
    Expression<JsonNode> compiled = CACHE.computeIfAbsent(expression, runtime::compile);
    JsonNode result = compiled.search(data);
    return result == null ? NullNode.getInstance() : result;
  }

  private static final class StrictRuntime extends JacksonRuntime {
    private volatile NodeFactory<JsonNode> factory;

    StrictRuntime(RuntimeConfiguration c) {
      super(c);
    }

    @Override
    public JsonNode getProperty(JsonNode value, JsonNode name) {
      if (value != null && value.isObject() && !value.has(name.asText())) {
        throw new MissingKeyException(name.asText());
      }
      return super.getProperty(value, name);
    }

    @Override
    public NodeFactory<JsonNode> nodeFactory() {
      NodeFactory<JsonNode> f = factory;
      if (f == null) {
        f = new LenientFactory(this, new StandardNodeFactory<>(this));
        factory = f;
      }
      return f;
    }
  }

  private static Expression<JsonNode> lenient(Expression<JsonNode> e) {
    return input -> {
      try {
        return e.search(input);
      } catch (MissingKeyException ex) {
        return NullNode.getInstance();
      }
    };
  }

  private static List<Expression<JsonNode>> lenientAll(List<? extends Expression<JsonNode>> args) {
    List<Expression<JsonNode>> out = new ArrayList<>();
    for (Expression<JsonNode> a : args) {
      out.add(isExpressionReference(a) ? a : lenient(a));
    }
    return out;
  }

  private static boolean isExpressionReference(Expression<JsonNode> e) {
    return e instanceof io.burt.jmespath.node.ExpressionReferenceNode;
  }

  /** Reads the protected parts of a multi-select hash entry. */
  private static final class EntryAccess {
    private static final java.lang.reflect.Method KEY;
    private static final java.lang.reflect.Method VALUE;

    static {
      try {
        KEY = CreateObjectNode.Entry.class.getDeclaredMethod("key");
        VALUE = CreateObjectNode.Entry.class.getDeclaredMethod("value");
        KEY.setAccessible(true);
        VALUE.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    static String key(CreateObjectNode.Entry<JsonNode> e) {
      try {
        return (String) KEY.invoke(e);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }

    @SuppressWarnings("unchecked")
    static Expression<JsonNode> value(CreateObjectNode.Entry<JsonNode> e) {
      try {
        return (Expression<JsonNode>) VALUE.invoke(e);
      } catch (ReflectiveOperationException ex) {
        throw new IllegalStateException(ex);
      }
    }
  }

  /** Node factory that makes missing keys falsy where Kyverno's JMESPath fork does. */
  private static final class LenientFactory implements NodeFactory<JsonNode> {
    private final NodeFactory<JsonNode> d;

    LenientFactory(Adapter<JsonNode> runtime, NodeFactory<JsonNode> delegate) {
      this.d = delegate;
    }

    @Override public Node<JsonNode> createCurrent() { return d.createCurrent(); }
    @Override public Node<JsonNode> createProperty(String name) { return d.createProperty(name); }
    @Override public Node<JsonNode> createIndex(int index) { return d.createIndex(index); }
    @Override public Node<JsonNode> createSlice(Integer a, Integer b, Integer c) { return d.createSlice(a, b, c); }
    @Override public Node<JsonNode> createProjection(Expression<JsonNode> e) { return d.createProjection(lenient(e)); }
    @Override public Node<JsonNode> createFlattenArray() { return d.createFlattenArray(); }
    @Override public Node<JsonNode> createFlattenObject() { return d.createFlattenObject(); }
    @Override public Node<JsonNode> createSelection(Expression<JsonNode> e) { return d.createSelection(lenient(e)); }

    @Override
    public Node<JsonNode> createComparison(Operator op, Expression<JsonNode> l, Expression<JsonNode> r) {
      return d.createComparison(op, lenient(l), lenient(r));
    }

    @Override public Node<JsonNode> createOr(Expression<JsonNode> l, Expression<JsonNode> r) {
      return d.createOr(lenient(l), lenient(r));
    }

    @Override public Node<JsonNode> createAnd(Expression<JsonNode> l, Expression<JsonNode> r) {
      return d.createAnd(lenient(l), lenient(r));
    }

    @Override
    public Node<JsonNode> createFunctionCall(String name, List<? extends Expression<JsonNode>> args) {
      return d.createFunctionCall(name, lenientAll(args));
    }

    @Override
    public Node<JsonNode> createFunctionCall(io.burt.jmespath.function.Function f,
        List<? extends Expression<JsonNode>> args) {
      return d.createFunctionCall(f, lenientAll(args));
    }

    @Override public Node<JsonNode> createExpressionReference(Expression<JsonNode> e) {
      return d.createExpressionReference(e);
    }

    @Override public Node<JsonNode> createString(String s) { return d.createString(s); }
    @Override public Node<JsonNode> createNegate(Expression<JsonNode> e) { return d.createNegate(lenient(e)); }

    @Override public Node<JsonNode> createCreateObject(List<CreateObjectNode.Entry<JsonNode>> entries) {
      List<CreateObjectNode.Entry<JsonNode>> wrapped = new ArrayList<>();
      for (CreateObjectNode.Entry<JsonNode> e : entries) {
        wrapped.add(new CreateObjectNode.Entry<>(EntryAccess.key(e), lenient(EntryAccess.value(e))));
      }
      return d.createCreateObject(wrapped);
    }

    @Override public Node<JsonNode> createCreateArray(List<? extends Expression<JsonNode>> entries) {
      return d.createCreateArray(lenientAll(entries));
    }

    @Override public Node<JsonNode> createJsonLiteral(String s) { return d.createJsonLiteral(s); }
    @Override public Node<JsonNode> createSequence(List<Node<JsonNode>> nodes) { return d.createSequence(nodes); }
  }

  /** Base for functions implemented over Jackson nodes. */
  abstract static class NodeFunction extends BaseFunction {
    NodeFunction(String name, ArgumentConstraint... constraints) {
      super(name, constraints);
    }

    @Override
    @SuppressWarnings("unchecked")
    protected <T> T callFunction(Adapter<T> runtime, List<FunctionArgument<T>> arguments) {
      List<JsonNode> values = new ArrayList<>();
      for (FunctionArgument<T> a : arguments) {
        values.add(a.isValue() ? (JsonNode) a.value() : null);
      }
      return (T) apply(values);
    }

    abstract JsonNode apply(List<JsonNode> args);
  }

  static ArgumentConstraint str() {
    return ArgumentConstraints.typeOf(JmesPathType.STRING);
  }

  static ArgumentConstraint num() {
    return ArgumentConstraints.typeOf(JmesPathType.NUMBER);
  }

  static ArgumentConstraint any() {
    return ArgumentConstraints.anyValue();
  }

  static ArgumentConstraint strOrNum() {
    return ArgumentConstraints.typeOf(JmesPathType.STRING, JmesPathType.NUMBER);
  }

  static ArrayNode array(List<JsonNode> items) {
    ArrayNode a = Json.NODES.arrayNode();
    a.addAll(items);
    return a;
  }

  static ObjectNode object() {
    return Json.NODES.objectNode();
  }
}
