package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL over Kubernetes objects with {@code dev.cel:cel}: the admission variables ({@code object}, {@code oldObject},
 * {@code params}, {@code request}, {@code namespaceObject}, {@code variables}), the standard macros and the string,
 * list, set, math, regex, encoder and optional libraries, plus the Kubernetes list helpers {@code isSorted},
 * {@code sum}, {@code min}, {@code max}, {@code indexOf} and {@code lastIndexOf}.
 */
public final class Cel {
  /** A CEL expression that failed to compile or evaluate. */
  public static final class CelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CelException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final String[] VARS = {"object", "oldObject", "params", "request", "namespaceObject", "variables",
      "authorizer"};
  private static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true).build();
  private static final CelCompiler COMPILER = compiler();
  private static final CelRuntime RUNTIME = runtime();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private Cel() {}

  private static CelCompiler compiler() {
    var b = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(OPTIONS),
            CelExtensions.math(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.optional(),
            CelExtensions.regex(), CelExtensions.bindings())
        .addFunctionDeclarations(
            CelFunctionDecl.newFunctionDeclaration("isSorted",
                CelOverloadDecl.newMemberOverload("k8s_list_is_sorted", SimpleType.BOOL, ListType.create(SimpleType.DYN))),
            CelFunctionDecl.newFunctionDeclaration("sum",
                CelOverloadDecl.newMemberOverload("k8s_list_sum", SimpleType.DYN, ListType.create(SimpleType.DYN))),
            CelFunctionDecl.newFunctionDeclaration("min",
                CelOverloadDecl.newMemberOverload("k8s_list_min", SimpleType.DYN, ListType.create(SimpleType.DYN))),
            CelFunctionDecl.newFunctionDeclaration("max",
                CelOverloadDecl.newMemberOverload("k8s_list_max", SimpleType.DYN, ListType.create(SimpleType.DYN))),
            CelFunctionDecl.newFunctionDeclaration("indexOf",
                CelOverloadDecl.newMemberOverload("k8s_list_index_of", SimpleType.INT,
                    ListType.create(SimpleType.DYN), SimpleType.DYN)),
            CelFunctionDecl.newFunctionDeclaration("lastIndexOf",
                CelOverloadDecl.newMemberOverload("k8s_list_last_index_of", SimpleType.INT,
                    ListType.create(SimpleType.DYN), SimpleType.DYN)));
    for (String v : VARS) {
      b.addVar(v, SimpleType.DYN);
    }
    return b.build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static CelRuntime runtime() {
    return CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(OPTIONS)
        .addLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(OPTIONS),
            CelExtensions.math(OPTIONS), CelExtensions.encoders(OPTIONS), CelExtensions.optional(),
            CelExtensions.regex())
        .addFunctionBindings(
            CelFunctionBinding.from("k8s_list_is_sorted", List.class, l -> {
              for (int i = 1; i < l.size(); i++) {
                if (((Comparable) l.get(i - 1)).compareTo(l.get(i)) > 0) {
                  return false;
                }
              }
              return true;
            }),
            CelFunctionBinding.from("k8s_list_sum", List.class, l -> {
              if (l.isEmpty()) {
                return 0L;
              }
              if (l.get(0) instanceof Double) {
                double d = 0;
                for (Object o : l) {
                  d += ((Number) o).doubleValue();
                }
                return d;
              }
              long s = 0;
              for (Object o : l) {
                s += ((Number) o).longValue();
              }
              return s;
            }),
            CelFunctionBinding.from("k8s_list_min", List.class, l -> extreme(l, -1)),
            CelFunctionBinding.from("k8s_list_max", List.class, l -> extreme(l, 1)),
            CelFunctionBinding.from("k8s_list_index_of", List.class, Object.class, (l, v) -> (long) l.indexOf(v)),
            CelFunctionBinding.from("k8s_list_last_index_of", List.class, Object.class,
                (l, v) -> (long) l.lastIndexOf(v)))
        .build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object extreme(List<?> l, int sign) throws CelEvaluationException {
    if (l.isEmpty()) {
      throw new CelEvaluationException("min/max of an empty list");
    }
    Object best = l.get(0);
    for (Object o : l) {
      if (Integer.signum(((Comparable) o).compareTo(best)) == sign) {
        best = o;
      }
    }
    return best;
  }

  /**
   * Evaluates an expression with the given variables (JSON trees).
   *
   * @throws CelException when the expression does not compile or fails at runtime
   */
  public static Object eval(String expression, Map<String, JsonNode> vars) {
    CelRuntime.Program program = PROGRAMS.computeIfAbsent(expression, Cel::compile);
    Map<String, Object> input = new LinkedHashMap<>();
    for (String v : VARS) {
      JsonNode n = vars.get(v);
      input.put(v, n == null ? NullValue.NULL_VALUE : toCel(n));
    }
    try {
      return program.eval(input);
    } catch (CelEvaluationException e) {
      throw new CelException("CEL evaluation failed for \"" + expression + "\": " + e.getMessage(), e);
    }
  }

  private static CelRuntime.Program compile(String expression) {
    try {
      CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
      return RUNTIME.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new CelException("CEL expression \"" + expression + "\" does not compile: " + e.getMessage(), e);
    }
  }

  /** Converts a JSON tree into CEL runtime values. */
  public static Object toCel(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        m.put(e.getKey(), toCel(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(e -> l.add(toCel(e)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.longValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.asText();
  }

  /** Converts a CEL result back into a JSON tree. */
  public static JsonNode toJson(Object o) {
    if (o == null || o instanceof NullValue) {
      return Json.NODES.nullNode();
    }
    if (o instanceof Boolean) {
      return Json.NODES.booleanNode((Boolean) o);
    }
    if (o instanceof Long || o instanceof Integer) {
      return Json.NODES.numberNode(((Number) o).longValue());
    }
    if (o instanceof Number) {
      return Json.NODES.numberNode(new BigDecimal(o.toString()));
    }
    if (o instanceof Map) {
      var obj = Json.NODES.objectNode();
      ((Map<?, ?>) o).forEach((k, v) -> obj.set(String.valueOf(k), toJson(v)));
      return obj;
    }
    if (o instanceof List) {
      var arr = Json.NODES.arrayNode();
      ((List<?>) o).forEach(v -> arr.add(toJson(v)));
      return arr;
    }
    return Json.NODES.textNode(String.valueOf(o));
  }
}
