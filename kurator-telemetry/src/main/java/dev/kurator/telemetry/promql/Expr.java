package dev.kurator.telemetry.promql;

import dev.kurator.telemetry.promql.internal.Parser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed PromQL expression: an immutable tree of records. Obtain one with {@link #parse(String)}.
 *
 * <p>Durations and timestamps are in milliseconds.
 */
public sealed interface Expr {

  /**
   * Parses a PromQL expression.
   *
   * @param query the PromQL text
   * @return the expression tree
   * @throws ParseException naming the line, column and what was expected
   */
  static Expr parse(String query) {
    return Parser.parseExpr(query);
  }

  /**
   * Parses a PromQL expression for one query, so that {@code step()} and {@code range()} inside duration
   * expressions (e.g. {@code x[step() * 2]}) resolve to that query's resolution and length.
   *
   * @param query the PromQL text
   * @param stepMs the query step (ms; 0 for an instant query)
   * @param rangeMs the query's end minus start (ms; 0 for an instant query)
   * @throws ParseException naming the line, column and what was expected
   */
  static Expr parse(String query, long stepMs, long rangeMs) {
    return Parser.parseExpr(query, stepMs / 1000.0, rangeMs / 1000.0);
  }

  /** The type of value this expression produces. */
  ValueType type();

  /** PromQL value types. */
  enum ValueType {
    /** A single number. */
    SCALAR("scalar"),
    /** A string. */
    STRING("string"),
    /** One sample per series. */
    VECTOR("instant vector"),
    /** A range of samples per series. */
    MATRIX("range vector");

    private final String display;

    ValueType(String display) {
      this.display = display;
    }

    /** Name as Prometheus prints it, e.g. {@code instant vector}. */
    public String display() {
      return display;
    }
  }

  /**
   * The {@code @} modifier of a selector or subquery.
   *
   * @param kind none, a fixed timestamp, or the query start/end
   * @param timestampMs the fixed timestamp (ms) when {@code kind} is {@link Kind#TIMESTAMP}
   */
  record At(Kind kind, long timestampMs) {
    /** No {@code @} modifier. */
    public static final At NONE = new At(Kind.NONE, 0);

    /** Which anchor. */
    public enum Kind {
      /** Absent. */
      NONE,
      /** {@code @ <timestamp>}. */
      TIMESTAMP,
      /** {@code @ start()}. */
      START,
      /** {@code @ end()}. */
      END
    }

    /** Rejects null kind. */
    public At {
      Objects.requireNonNull(kind, "kind");
    }

    /** True when a modifier is present. */
    public boolean present() {
      return kind != Kind.NONE;
    }
  }

  /** Boundary modifiers of selectors (Prometheus's extended range selectors). */
  enum Extension {
    /** Plain selector. */
    NONE,
    /** {@code smoothed}: values at the window boundaries (or the instant) are linearly interpolated. */
    SMOOTHED,
    /** {@code anchored}: the window also takes the last sample at or before its start (within the lookback). */
    ANCHORED
  }

  /** A number literal. @param value the number */
  record NumberLiteral(double value) implements Expr {
    @Override
    public ValueType type() {
      return ValueType.SCALAR;
    }
  }

  /** A string literal. @param value the unescaped text */
  record StringLiteral(String value) implements Expr {
    /** Rejects null. */
    public StringLiteral {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ValueType type() {
      return ValueType.STRING;
    }
  }

  /**
   * An instant vector selector.
   *
   * @param name metric name as written before the braces, or {@code ""}
   * @param matchers all matchers, including the one for the metric name
   * @param offsetMs the {@code offset} (ms, may be negative)
   * @param at the {@code @} modifier
   * @param extension the {@code smoothed} or {@code anchored} boundary modifier, or none
   */
  record VectorSelector(String name, List<Matcher> matchers, long offsetMs, At at, Extension extension)
      implements Expr {
    /** Copies the matchers; rejects nulls. */
    public VectorSelector {
      Objects.requireNonNull(name, "name");
      matchers = List.copyOf(matchers);
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(extension, "extension");
    }

    /** A selector without the {@code smoothed} modifier. */
    public VectorSelector(String name, List<Matcher> matchers, long offsetMs, At at) {
      this(name, matchers, offsetMs, at, Extension.NONE);
    }

    /** A copy with another offset. */
    public VectorSelector withOffset(long ms) {
      return new VectorSelector(name, matchers, ms, at, extension);
    }

    /** A copy with another {@code @} modifier. */
    public VectorSelector withAt(At other) {
      return new VectorSelector(name, matchers, offsetMs, other, extension);
    }

    /** A copy with another boundary modifier. */
    public VectorSelector withExtension(Extension other) {
      return new VectorSelector(name, matchers, offsetMs, at, other);
    }

    @Override
    public ValueType type() {
      return ValueType.VECTOR;
    }
  }

  /**
   * A range vector selector, {@code selector[range]}.
   *
   * @param selector the series and modifiers
   * @param rangeMs window length (ms)
   */
  record MatrixSelector(VectorSelector selector, long rangeMs) implements Expr {
    /** Rejects null. */
    public MatrixSelector {
      Objects.requireNonNull(selector, "selector");
    }

    @Override
    public ValueType type() {
      return ValueType.MATRIX;
    }
  }

  /**
   * A subquery, {@code expr[range:step]}.
   *
   * @param expr the inner instant-vector expression
   * @param rangeMs window length (ms)
   * @param stepMs resolution (ms); 0 means the engine's default
   * @param offsetMs the {@code offset} (ms)
   * @param at the {@code @} modifier
   */
  record Subquery(Expr expr, long rangeMs, long stepMs, long offsetMs, At at) implements Expr {
    /** Rejects nulls. */
    public Subquery {
      Objects.requireNonNull(expr, "expr");
      Objects.requireNonNull(at, "at");
    }

    @Override
    public ValueType type() {
      return ValueType.MATRIX;
    }
  }

  /** Aggregation operators. */
  enum AggregateOp {
    /** sum */
    SUM,
    /** avg */
    AVG,
    /** count */
    COUNT,
    /** min */
    MIN,
    /** max */
    MAX,
    /** group */
    GROUP,
    /** stddev */
    STDDEV,
    /** stdvar */
    STDVAR,
    /** topk */
    TOPK,
    /** bottomk */
    BOTTOMK,
    /** quantile */
    QUANTILE,
    /** count_values */
    COUNT_VALUES,
    /** limitk */
    LIMITK,
    /** limit_ratio */
    LIMIT_RATIO;

    /** The PromQL keyword. */
    public String keyword() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True for operators taking a parameter before the vector. */
    public boolean hasParam() {
      return this == TOPK
          || this == BOTTOMK
          || this == QUANTILE
          || this == COUNT_VALUES
          || this == LIMITK
          || this == LIMIT_RATIO;
    }
  }

  /**
   * An aggregation, e.g. {@code sum by (job) (x)}.
   *
   * @param op the operator
   * @param expr the aggregated vector expression
   * @param param the parameter of topk, quantile, count_values, ...
   * @param grouping the {@code by}/{@code without} label names
   * @param without true for {@code without}
   */
  record Aggregate(AggregateOp op, Expr expr, Optional<Expr> param, List<String> grouping, boolean without)
      implements Expr {
    /** Copies the grouping; rejects nulls. */
    public Aggregate {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(expr, "expr");
      Objects.requireNonNull(param, "param");
      grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
      return ValueType.VECTOR;
    }
  }

  /** Binary operators. */
  enum BinaryOp {
    /** + */
    ADD("+", 4),
    /** - */
    SUB("-", 4),
    /** * */
    MUL("*", 5),
    /** / */
    DIV("/", 5),
    /** % */
    MOD("%", 5),
    /** atan2 */
    ATAN2("atan2", 5),
    /** ^ */
    POW("^", 6),
    /** == */
    EQL("==", 3),
    /** != */
    NEQ("!=", 3),
    /** &gt; */
    GTR(">", 3),
    /** &lt; */
    LSS("<", 3),
    /** &gt;= */
    GTE(">=", 3),
    /** &lt;= */
    LTE("<=", 3),
    /** and */
    AND("and", 2),
    /** unless */
    UNLESS("unless", 2),
    /** or */
    OR("or", 1);

    private final String symbol;
    private final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    /** The operator as written. */
    public String symbol() {
      return symbol;
    }

    /** Binding strength; higher binds tighter. */
    public int precedence() {
      return precedence;
    }

    /** True for ==, !=, &gt;, &lt;, &gt;=, &lt;=. */
    public boolean isComparison() {
      return precedence == 3;
    }

    /** True for and, or, unless. */
    public boolean isSetOperator() {
      return this == AND || this == OR || this == UNLESS;
    }

    /** True for ^ (right-associative). */
    public boolean rightAssociative() {
      return this == POW;
    }
  }

  /** Vector matching cardinality. */
  enum Cardinality {
    /** Default. */
    ONE_TO_ONE,
    /** group_left */
    MANY_TO_ONE,
    /** group_right */
    ONE_TO_MANY,
    /** Set operators. */
    MANY_TO_MANY
  }

  /**
   * How two vectors are matched.
   *
   * @param cardinality one-to-one, group_left, group_right or many-to-many
   * @param labels the on/ignoring label names
   * @param on true for {@code on}, false for {@code ignoring}
   * @param include the extra labels of group_left/group_right
   * @param fillLeft {@code fill_left(v)}: the value standing in for a missing left-hand sample
   * @param fillRight {@code fill_right(v)}: the value standing in for a missing right-hand sample
   */
  record VectorMatching(
      Cardinality cardinality,
      List<String> labels,
      boolean on,
      List<String> include,
      java.util.OptionalDouble fillLeft,
      java.util.OptionalDouble fillRight) {
    /** Copies lists; rejects nulls. */
    public VectorMatching {
      Objects.requireNonNull(cardinality, "cardinality");
      labels = List.copyOf(labels);
      include = List.copyOf(include);
      Objects.requireNonNull(fillLeft, "fillLeft");
      Objects.requireNonNull(fillRight, "fillRight");
    }

    /** Matching without fill modifiers. */
    public VectorMatching(Cardinality cardinality, List<String> labels, boolean on, List<String> include) {
      this(cardinality, labels, on, include, java.util.OptionalDouble.empty(), java.util.OptionalDouble.empty());
    }
  }

  /**
   * A binary operation.
   *
   * @param op the operator
   * @param lhs left operand
   * @param rhs right operand
   * @param matching vector matching (meaningful when both sides are vectors)
   * @param returnBool the {@code bool} modifier of comparisons
   */
  record Binary(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool) implements Expr {
    /** Rejects nulls. */
    public Binary {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(lhs, "lhs");
      Objects.requireNonNull(rhs, "rhs");
      Objects.requireNonNull(matching, "matching");
    }

    @Override
    public ValueType type() {
      return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }
  }

  /**
   * Unary minus (or plus) applied to an expression.
   *
   * @param negate true for {@code -}
   * @param expr operand
   */
  record Unary(boolean negate, Expr expr) implements Expr {
    /** Rejects null. */
    public Unary {
      Objects.requireNonNull(expr, "expr");
    }

    @Override
    public ValueType type() {
      return expr.type();
    }
  }

  /** A parenthesised expression. @param expr the inner expression */
  record Paren(Expr expr) implements Expr {
    /** Rejects null. */
    public Paren {
      Objects.requireNonNull(expr, "expr");
    }

    @Override
    public ValueType type() {
      return expr.type();
    }
  }

  /**
   * A function call.
   *
   * @param function function name
   * @param args arguments
   * @param returnType the function's result type
   */
  record Call(String function, List<Expr> args, ValueType returnType) implements Expr {
    /** Copies arguments; rejects nulls. */
    public Call {
      Objects.requireNonNull(function, "function");
      args = List.copyOf(args);
      Objects.requireNonNull(returnType, "returnType");
    }

    @Override
    public ValueType type() {
      return returnType;
    }
  }
}
