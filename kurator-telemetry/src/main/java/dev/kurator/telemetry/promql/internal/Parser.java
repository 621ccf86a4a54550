package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Expr.Aggregate;
import dev.kurator.telemetry.promql.Expr.AggregateOp;
import dev.kurator.telemetry.promql.Expr.At;
import dev.kurator.telemetry.promql.Expr.Binary;
import dev.kurator.telemetry.promql.Expr.BinaryOp;
import dev.kurator.telemetry.promql.Expr.Call;
import dev.kurator.telemetry.promql.Expr.Cardinality;
import dev.kurator.telemetry.promql.Expr.MatrixSelector;
import dev.kurator.telemetry.promql.Expr.NumberLiteral;
import dev.kurator.telemetry.promql.Expr.Paren;
import dev.kurator.telemetry.promql.Expr.StringLiteral;
import dev.kurator.telemetry.promql.Expr.Subquery;
import dev.kurator.telemetry.promql.Expr.Unary;
import dev.kurator.telemetry.promql.Expr.ValueType;
import dev.kurator.telemetry.promql.Expr.VectorMatching;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.ParseException;
import dev.kurator.telemetry.promql.internal.Lexer.Kind;
import dev.kurator.telemetry.promql.internal.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Recursive-descent (precedence-climbing) PromQL parser with Prometheus's type checks. */
public final class Parser {

  private final String src;
  private final List<Token> tokens;
  private final double stepSeconds;
  private final double rangeSeconds;
  private int i;
  /** Inside info(): its data-label selector may consist of matchers that all accept the empty string. */
  private boolean relaxEmptySelectors;

  private Parser(String src) {
    this(src, Double.NaN, Double.NaN);
  }

  private Parser(String src, double stepSeconds, double rangeSeconds) {
    this.src = src;
    this.tokens = Lexer.lex(src);
    this.stepSeconds = stepSeconds;
    this.rangeSeconds = rangeSeconds;
  }

  /**
   * Parses a whole PromQL expression.
   *
   * @throws ParseException on a syntax or type error
   */
  public static Expr parseExpr(String query) {
    return parseExpr(query, Double.NaN, Double.NaN);
  }

  /**
   * Parses an expression for one query, resolving {@code step()} and {@code range()} inside duration expressions
   * (NaN when unknown, which makes such durations unsupported).
   *
   * @throws ParseException on a syntax or type error
   */
  public static Expr parseExpr(String query, double stepSeconds, double rangeSeconds) {
    Parser p = new Parser(query, stepSeconds, rangeSeconds);
    if (p.peek().kind() == Kind.EOF) {
      throw p.error(p.peek(), "no expression found in input");
    }
    Expr e = p.expr(0);
    if (p.peek().kind() != Kind.EOF) {
      throw p.error(p.peek(), "unexpected " + p.peek() + ", expected an operator or end of input");
    }
    return e;
  }

  /**
   * Parses a series description {@code name{l="v", ...}} as used by test scripts, returning its labels and the
   * index just after it.
   *
   * @throws ParseException when it is not a series description
   */
  public static Map.Entry<Labels, Integer> parseSeriesDescription(String full) {
    String text = full.substring(0, descriptionEnd(full));
    Parser p = new Parser(text);
    TreeMap<String, String> labels = new TreeMap<>();
    Token t = p.peek();
    if (t.kind() == Kind.IDENT) {
      p.next();
      labels.put(Labels.METRIC_NAME, t.text());
    }
    if (p.peek().kind() == Kind.LBRACE) {
      for (Matcher m : p.matchers()) {
        if (m.type() != Matcher.Type.EQUAL) {
          throw p.error(t, "series descriptions allow only '=' label pairs");
        }
        boolean quotedName = m.name().equals(Labels.METRIC_NAME) && m.value().startsWith("\0");
        labels.put(m.name(), quotedName ? m.value().substring(1) : m.value());
      }
    } else if (t.kind() != Kind.IDENT) {
      throw p.error(t, "unexpected " + t + ", expected a series description");
    }
    Token after = p.peek();
    if (after.kind() != Kind.EOF) {
      throw p.error(after, "unexpected " + after + " after series description");
    }
    return Map.entry(Labels.of(labels), text.length());
  }

  /** End of a leading {@code name{...}} description, honouring quoted strings. */
  private static int descriptionEnd(String s) {
    int i = 0;
    while (i < s.length() && Lexer.isIdentPart(s.charAt(i))) {
      i++;
    }
    if (i < s.length() && s.charAt(i) == '{') {
      char quote = 0;
      for (i = i + 1; i < s.length(); i++) {
        char c = s.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'' || c == '`') {
          quote = c;
        } else if (c == '}') {
          return i + 1;
        }
      }
    }
    return i;
  }

  private Token peek() {
    return tokens.get(i);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(i + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(i);
    if (t.kind() != Kind.EOF) {
      i++;
    }
    return t;
  }

  private ParseException error(Token at, String msg) {
    return Lexer.errorAt(src, at.pos(), msg);
  }

  private Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw error(t, "unexpected " + t + ", expected " + what);
    }
    return next();
  }

  private boolean isKeyword(Token t, String word) {
    return t.kind() == Kind.IDENT && t.text().equalsIgnoreCase(word);
  }

  private BinaryOp binaryOp(Token t) {
    if (t.kind() == Kind.OP) {
      return switch (t.text()) {
        case "+" -> BinaryOp.ADD;
        case "-" -> BinaryOp.SUB;
        case "*" -> BinaryOp.MUL;
        case "/" -> BinaryOp.DIV;
        case "%" -> BinaryOp.MOD;
        case "^" -> BinaryOp.POW;
        case "==" -> BinaryOp.EQL;
        case "!=" -> BinaryOp.NEQ;
        case ">" -> BinaryOp.GTR;
        case "<" -> BinaryOp.LSS;
        case ">=" -> BinaryOp.GTE;
        case "<=" -> BinaryOp.LTE;
        default -> null;
      };
    }
    if (t.kind() == Kind.IDENT) {
      return switch (t.text().toLowerCase(Locale.ROOT)) {
        case "and" -> BinaryOp.AND;
        case "or" -> BinaryOp.OR;
        case "unless" -> BinaryOp.UNLESS;
        case "atan2" -> BinaryOp.ATAN2;
        default -> null;
      };
    }
    return null;
  }

  private Expr expr(int minPrec) {
    Expr lhs = unary();
    while (true) {
      Token opTok = peek();
      BinaryOp op = binaryOp(opTok);
      if (op == null || op.precedence() < minPrec) {
        return lhs;
      }
      next();
      boolean returnBool = false;
      if (isKeyword(peek(), "bool")) {
        next();
        returnBool = true;
      }
      Cardinality card = Cardinality.ONE_TO_ONE;
      List<String> on = List.of();
      boolean isOn = false;
      boolean explicitMatching = false;
      List<String> include = List.of();
      if (isKeyword(peek(), "on") || isKeyword(peek(), "ignoring")) {
        isOn = isKeyword(next(), "on");
        on = labelList();
        explicitMatching = true;
      }
      if (isKeyword(peek(), "group_left") || isKeyword(peek(), "group_right")) {
        card = isKeyword(next(), "group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
        if (peek().kind() == Kind.LPAREN) {
          include = labelList();
        }
        explicitMatching = true;
      }
      OptionalDouble fillLeft = OptionalDouble.empty();
      OptionalDouble fillRight = OptionalDouble.empty();
      while ((isKeyword(peek(), "fill") || isKeyword(peek(), "fill_left") || isKeyword(peek(), "fill_right"))
          && peek(1).kind() == Kind.LPAREN) {
        String which = next().text().toLowerCase(Locale.ROOT);
        next();
        boolean neg = false;
        if (peek().kind() == Kind.OP && (peek().text().equals("-") || peek().text().equals("+"))) {
          neg = next().text().equals("-");
        }
        Token num = expect(Kind.NUMBER, "a number in " + which + "()");
        expect(Kind.RPAREN, "\")\"");
        OptionalDouble v = OptionalDouble.of(neg ? -num.number() : num.number());
        if (!which.equals("fill_right")) {
          fillLeft = v;
        }
        if (!which.equals("fill_left")) {
          fillRight = v;
        }
        explicitMatching = true;
      }
      int nextMin = op.rightAssociative() ? op.precedence() : op.precedence() + 1;
      Expr rhs = expr(nextMin);
      lhs = binary(opTok, op, lhs, rhs, new VectorMatching(card, on, isOn, include, fillLeft, fillRight), returnBool,
          explicitMatching);
    }
  }

  private Expr binary(
      Token at,
      BinaryOp op,
      Expr lhs,
      Expr rhs,
      VectorMatching matching,
      boolean returnBool,
      boolean explicitMatching) {
    ValueType lt = lhs.type();
    ValueType rt = rhs.type();
    if ((lt != ValueType.SCALAR && lt != ValueType.VECTOR) || (rt != ValueType.SCALAR && rt != ValueType.VECTOR)) {
      throw error(at, "binary expression must contain only scalar and instant vector types");
    }
    if (returnBool && !op.isComparison()) {
      throw error(at, "bool modifier can only be used on comparison operators");
    }
    boolean bothScalar = lt == ValueType.SCALAR && rt == ValueType.SCALAR;
    if (op.isComparison() && bothScalar && !returnBool) {
      throw error(at, "comparisons between scalars must use BOOL modifier");
    }
    if (op.isSetOperator()) {
      if (lt == ValueType.SCALAR || rt == ValueType.SCALAR) {
        throw error(at, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
      }
      if (matching.cardinality() == Cardinality.MANY_TO_ONE || matching.cardinality() == Cardinality.ONE_TO_MANY) {
        throw error(at, "no grouping allowed for \"" + op.symbol() + "\" operation");
      }
      if (matching.fillLeft().isPresent() || matching.fillRight().isPresent()) {
        throw error(at, "fill modifiers are not allowed for set operator \"" + op.symbol() + "\"");
      }
      matching = new VectorMatching(Cardinality.MANY_TO_MANY, matching.labels(), matching.on(), matching.include());
    }
    if (explicitMatching && (lt == ValueType.SCALAR || rt == ValueType.SCALAR)) {
      throw error(at, "vector matching only allowed between instant vectors");
    }
    if (matching.on()) {
      for (String l : matching.include()) {
        if (matching.labels().contains(l)) {
          throw error(at, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
        }
      }
    }
    return new Binary(op, lhs, rhs, matching, returnBool);
  }

  private Expr unary() {
    Token t = peek();
    if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+"))) {
      next();
      Expr operand = expr(BinaryOp.POW.precedence());
      ValueType type = operand.type();
      if (type != ValueType.SCALAR && type != ValueType.VECTOR) {
        throw error(t, "unary expression only allowed on expressions of type scalar or instant vector, got \""
            + type.display() + "\"");
      }
      boolean negate = t.text().equals("-");
      if (operand instanceof NumberLiteral n) {
        return negate ? new NumberLiteral(-n.value()) : n;
      }
      return negate ? new Unary(true, operand) : operand;
    }
    return postfix(primary());
  }

  private Expr postfix(Expr e) {
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.LBRACKET) {
        next();
        long range = durationValue("range");
        if (peek().kind() == Kind.COLON) {
          next();
          long step = 0;
          if (peek().kind() != Kind.RBRACKET) {
            step = durationValue("step");
          }
          expect(Kind.RBRACKET, "\"]\"");
          if (e.type() != ValueType.VECTOR) {
            throw error(t, "subquery is only allowed on instant vector, got " + e.type().display());
          }
          if (range <= 0) {
            throw error(t, "subquery range must be positive");
          }
          e = new Subquery(e, range, step, 0, At.NONE);
        } else {
          expect(Kind.RBRACKET, "\"]\" or \":\"");
          if (!(e instanceof VectorSelector vs)) {
            throw error(t, "ranges only allowed for vector selectors");
          }
          if (vs.offsetMs() != 0) {
            throw error(t, "no offset modifiers allowed before range");
          }
          if (vs.at().present()) {
            throw error(t, "no @ modifiers allowed before range");
          }
          if (range <= 0) {
            throw error(t, "range must be positive");
          }
          e = new MatrixSelector(vs, range);
        }
      } else if (isKeyword(t, "offset")) {
        next();
        e = withOffset(t, e, offsetValue());
      } else if (t.kind() == Kind.AT) {
        next();
        e = withAt(t, e, atValue());
      } else if ((isKeyword(t, "smoothed") || isKeyword(t, "anchored")) && e instanceof VectorSelector vs
          && vs.extension() == Expr.Extension.NONE) {
        next();
        e = vs.withExtension(extension(t));
      } else if ((isKeyword(t, "smoothed") || isKeyword(t, "anchored")) && e instanceof MatrixSelector ms
          && ms.selector().extension() == Expr.Extension.NONE) {
        next();
        e = new MatrixSelector(ms.selector().withExtension(extension(t)), ms.rangeMs());
      } else {
        return e;
      }
    }
  }

  private Expr.Extension extension(Token t) {
    return isKeyword(t, "smoothed") ? Expr.Extension.SMOOTHED : Expr.Extension.ANCHORED;
  }

  private At atValue() {
    Token t = peek();
    if (isKeyword(t, "start") || isKeyword(t, "end")) {
      next();
      expect(Kind.LPAREN, "\"(\"");
      expect(Kind.RPAREN, "\")\"");
      return new At(isKeyword(t, "start") ? At.Kind.START : At.Kind.END, 0);
    }
    boolean neg = false;
    if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+"))) {
      neg = next().text().equals("-");
      t = peek();
    }
    if (t.kind() != Kind.NUMBER && t.kind() != Kind.DURATION) {
      throw error(t, "unexpected " + t + ", expected timestamp, start() or end() after @");
    }
    next();
    double seconds = t.kind() == Kind.DURATION ? t.number() / 1000.0 : t.number();
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw error(t, "timestamp out of bounds for @ modifier: " + t.text());
    }
    long ms = Math.round(seconds * 1000.0);
    return new At(At.Kind.TIMESTAMP, neg ? -ms : ms);
  }

  private Expr withOffset(Token t, Expr e, long off) {
    String twice = "offset may not be set multiple times";
    if (e instanceof VectorSelector vs) {
      if (vs.offsetMs() != 0) {
        throw error(t, twice);
      }
      return vs.withOffset(off);
    }
    if (e instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      if (vs.offsetMs() != 0) {
        throw error(t, twice);
      }
      return new MatrixSelector(vs.withOffset(off), ms.rangeMs());
    }
    if (e instanceof Subquery sq) {
      if (sq.offsetMs() != 0) {
        throw error(t, twice);
      }
      return new Subquery(sq.expr(), sq.rangeMs(), sq.stepMs(), off, sq.at());
    }
    throw error(
        t, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private Expr withAt(Token t, Expr e, At at) {
    if (e instanceof VectorSelector vs) {
      if (vs.at().present()) {
        throw error(t, "@ <timestamp> may not be set multiple times");
      }
      return vs.withAt(at);
    }
    if (e instanceof MatrixSelector ms) {
      VectorSelector vs = ms.selector();
      if (vs.at().present()) {
        throw error(t, "@ <timestamp> may not be set multiple times");
      }
      return new MatrixSelector(vs.withAt(at), ms.rangeMs());
    }
    if (e instanceof Subquery sq) {
      if (sq.at().present()) {
        throw error(t, "@ <timestamp> may not be set multiple times");
      }
      return new Subquery(sq.expr(), sq.rangeMs(), sq.stepMs(), sq.offsetMs(), at);
    }
    throw error(t, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private ParseException unsupported(Token at, String what) {
    ParseException pos = error(at, what);
    return new ParseException(pos.line(), pos.column(), what, true);
  }

  /** A duration: a literal, or (in brackets) an arithmetic duration expression; in milliseconds. */
  private long durationValue(String what) {
    Token start = peek();
    double secs = durAdd();
    return toMillis(start, secs, what);
  }

  /** The offset operand: one signed term (a literal, step()/range(), or a parenthesised expression). */
  private long offsetValue() {
    Token start = peek();
    boolean neg = false;
    if (start.kind() == Kind.OP && (start.text().equals("-") || start.text().equals("+"))) {
      neg = next().text().equals("-");
    }
    double secs = durAtom();
    return toMillis(start, neg ? -secs : secs, "offset");
  }

  private long toMillis(Token at, double secs, String what) {
    double ms = secs * 1000.0;
    if (Double.isNaN(ms) || Double.isInfinite(ms) || Math.abs(ms) > 9.2e18) {
      throw error(at, "invalid " + what + " duration: " + GoMath.formatFloat(secs) + "s");
    }
    return Math.round(ms);
  }

  private boolean isOp(Token t, String op) {
    return t.kind() == Kind.OP && t.text().equals(op);
  }

  private double durAdd() {
    double v = durMul();
    while (isOp(peek(), "+") || isOp(peek(), "-")) {
      boolean add = next().text().equals("+");
      double r = durMul();
      v = add ? v + r : v - r;
    }
    return v;
  }

  private double durMul() {
    double v = durUnary();
    while (isOp(peek(), "*") || isOp(peek(), "/") || isOp(peek(), "%")) {
      Token op = next();
      double r = durUnary();
      if ((op.text().equals("/") || op.text().equals("%")) && r == 0) {
        throw error(op, "division by zero in duration expression");
      }
      v = switch (op.text()) {
        case "*" -> v * r;
        case "/" -> v / r;
        default -> v % r;
      };
    }
    return v;
  }

  private double durUnary() {
    if (isOp(peek(), "-")) {
      next();
      return -durUnary();
    }
    if (isOp(peek(), "+")) {
      next();
      return durUnary();
    }
    double v = durAtom();
    if (isOp(peek(), "^")) {
      next();
      v = GoMath.pow(v, durUnary());
    }
    return v;
  }

  private double durAtom() {
    Token t = peek();
    switch (t.kind()) {
      case DURATION -> {
        next();
        return t.number() / 1000.0;
      }
      case NUMBER -> {
        next();
        return t.number();
      }
      case LPAREN -> {
        next();
        double v = durAdd();
        expect(Kind.RPAREN, "\")\" in duration expression");
        return v;
      }
      case IDENT -> {
        if ((isKeyword(t, "step") || isKeyword(t, "range")) && peek(1).kind() == Kind.LPAREN) {
          double v = isKeyword(t, "step") ? stepSeconds : rangeSeconds;
          if (Double.isNaN(v)) {
            throw unsupported(t, "step() and range() inside duration expressions need the query's step and range");
          }
          next();
          expect(Kind.LPAREN, "\"(\"");
          expect(Kind.RPAREN, "\")\"");
          return v;
        }
        throw error(t, "unexpected " + t + ", expected a duration");
      }
      default -> throw error(t, "unexpected " + t + ", expected a duration");
    }
  }

  private Expr primary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        next();
        return new NumberLiteral(t.number());
      }
      case DURATION -> {
        next();
        return new NumberLiteral(t.number() / 1000.0);
      }
      case STRING -> {
        next();
        return new StringLiteral(t.string());
      }
      case LPAREN -> {
        next();
        Expr inner = expr(0);
        Token close = peek();
        if (close.kind() != Kind.RPAREN) {
          throw error(close, close.kind() == Kind.EOF
              ? "unclosed left parenthesis"
              : "unexpected " + close + ", expected \")\"");
        }
        next();
        return new Paren(inner);
      }
      case LBRACE -> {
        return selector(t, "");
      }
      case IDENT -> {
        return identifier(t);
      }
      default -> throw error(t, t.kind() == Kind.EOF
          ? "unexpected end of input"
          : "unexpected " + t + ", expected an expression");
    }
  }

  private Expr identifier(Token t) {
    String name = t.text();
    AggregateOp agg = aggregateOp(name);
    Token after = peek(1);
    if (agg != null
        && (after.kind() == Kind.LPAREN || isKeyword(after, "by") || isKeyword(after, "without"))) {
      next();
      return aggregate(t, agg);
    }
    FunctionTable.Signature sig = FunctionTable.lookup(name);
    if (after.kind() == Kind.LPAREN) {
      if (sig == null) {
        throw error(t, "unknown function with name \"" + name + "\"");
      }
      next();
      boolean relax = relaxEmptySelectors;
      relaxEmptySelectors = sig.name().equals("info");
      try {
        return call(t, sig);
      } finally {
        relaxEmptySelectors = relax;
      }
    }
    if (isReservedWord(name)) {
      throw error(t, "unexpected " + t + ", expected an expression");
    }
    return selector(t, name);
  }

  private static boolean isReservedWord(String w) {
    return switch (w.toLowerCase(Locale.ROOT)) {
      case "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right",
          "bool", "offset" -> true;
      default -> false;
    };
  }

  private static AggregateOp aggregateOp(String name) {
    for (AggregateOp op : AggregateOp.values()) {
      if (op.keyword().equals(name.toLowerCase(Locale.ROOT))) {
        return op;
      }
    }
    return null;
  }

  private Expr aggregate(Token t, AggregateOp op) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean haveGrouping = false;
    if (isKeyword(peek(), "by") || isKeyword(peek(), "without")) {
      without = isKeyword(next(), "without");
      grouping = labelList();
      haveGrouping = true;
    }
    List<Expr> args = argList(true);
    if (isKeyword(peek(), "by") || isKeyword(peek(), "without")) {
      if (haveGrouping) {
        throw error(peek(), "unexpected " + peek() + ": grouping given twice");
      }
      without = isKeyword(next(), "without");
      grouping = labelList();
    }
    int want = op.hasParam() ? 2 : 1;
    if (args.size() != want) {
      throw error(t, "wrong number of arguments for aggregate expression provided, expected " + want + ", got "
          + args.size());
    }
    Expr vec = args.get(args.size() - 1);
    if (vec.type() != ValueType.VECTOR) {
      throw error(t, "expected type instant vector in aggregation expression, got " + vec.type().display());
    }
    Optional<Expr> param = Optional.empty();
    if (op.hasParam()) {
      Expr p = args.get(0);
      ValueType pt = op == AggregateOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
      if (p.type() != pt) {
        throw error(t, "expected type " + pt.display() + " in aggregation parameter, got " + p.type().display());
      }
      param = Optional.of(p);
    }
    return new Aggregate(op, vec, param, grouping, without);
  }

  /** A parenthesised, comma-separated argument list. */
  private List<Expr> argList(boolean trailingComma) {
    expect(Kind.LPAREN, "\"(\"");
    List<Expr> args = new ArrayList<>();
    if (peek().kind() != Kind.RPAREN) {
      args.add(expr(0));
      while (peek().kind() == Kind.COMMA) {
        next();
        if (trailingComma && peek().kind() == Kind.RPAREN) {
          break;
        }
        args.add(expr(0));
      }
    }
    Token close = peek();
    if (close.kind() != Kind.RPAREN) {
      throw error(close, close.kind() == Kind.EOF
          ? "unclosed left parenthesis"
          : "unexpected " + close + ", expected \",\" or \")\"");
    }
    next();
    return args;
  }

  private Expr call(Token t, FunctionTable.Signature sig) {
    List<Expr> args = argList(false);
    int declared = sig.argTypes().size();
    int n = args.size();
    if (sig.variadic() == 0) {
      if (n != declared) {
        throw error(t, "expected " + declared + " argument(s) in call to \"" + sig.name() + "\", got " + n);
      }
    } else {
      if (n < declared - 1) {
        throw error(t, "expected at least " + (declared - 1) + " argument(s) in call to \"" + sig.name()
            + "\", got " + n);
      }
      if (sig.variadic() > 0 && n > declared + sig.variadic() - 1) {
        throw error(t, "expected at most " + (declared + sig.variadic() - 1) + " argument(s) in call to \""
            + sig.name() + "\", got " + n);
      }
    }
    for (int k = 0; k < n; k++) {
      ValueType want = sig.argTypes().get(Math.min(k, declared - 1));
      ValueType got = args.get(k).type();
      if (want != got) {
        throw error(t, "expected type " + want.display() + " in call to function \"" + sig.name() + "\", got "
            + got.display());
      }
    }
    if (sig.name().equals("label_replace") || sig.name().equals("label_join")) {
      // destination label name must be valid
      Expr dst = args.get(1);
      if (dst instanceof StringLiteral s && !Lexer.validUtf8(s.value())) {
        throw error(t, "invalid label name " + Lexer.goQuote(s.value()));
      }
    }
    return new Call(sig.name(), args, sig.returnType());
  }

  private List<String> labelList() {
    expect(Kind.LPAREN, "\"(\"");
    List<String> out = new ArrayList<>();
    while (peek().kind() != Kind.RPAREN) {
      Token t = next();
      if (t.kind() == Kind.IDENT) {
        out.add(t.text());
      } else if (t.kind() == Kind.STRING) {
        out.add(t.string());
      } else {
        throw error(t, "unexpected " + t + " in grouping opts, expected label");
      }
      if (peek().kind() == Kind.COMMA) {
        next();
      } else if (peek().kind() != Kind.RPAREN) {
        throw error(peek(), "unexpected " + peek() + " in grouping opts, expected \",\" or \")\"");
      }
    }
    next();
    return out;
  }

  private Expr selector(Token t, String name) {
    if (!name.isEmpty()) {
      next();
    }
    List<Matcher> matchers = new ArrayList<>();
    String metricName = name;
    if (peek().kind() == Kind.LBRACE) {
      List<Matcher> inBraces = matchers();
      for (Matcher m : inBraces) {
        if (m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQUAL && m.value().startsWith("\0")) {
          // bare quoted metric name inside braces
          String quoted = m.value().substring(1);
          if (!metricName.isEmpty()) {
            throw error(t, "metric name must not be set twice: \"" + metricName + "\" or \"" + quoted + "\"");
          }
          metricName = quoted;
          continue;
        }
        matchers.add(m);
      }
    }
    if (!metricName.isEmpty()) {
      for (Matcher m : matchers) {
        if (m.name().equals(Labels.METRIC_NAME)) {
          throw error(t, "metric name must not be set twice: \"" + metricName + "\" or \"" + m.value() + "\"");
        }
      }
      matchers.add(0, Matcher.equal(Labels.METRIC_NAME, metricName));
    }
    boolean nonEmpty = false;
    for (Matcher m : matchers) {
      if (!m.matchesEmpty()) {
        nonEmpty = true;
        break;
      }
    }
    if (!nonEmpty && !relaxEmptySelectors) {
      throw error(t, "vector selector must contain at least one non-empty matcher");
    }
    return new VectorSelector(metricName, matchers, 0, At.NONE);
  }

  private List<Matcher> matchers() {
    expect(Kind.LBRACE, "\"{\"");
    List<Matcher> out = new ArrayList<>();
    while (peek().kind() != Kind.RBRACE) {
      Token nameTok = next();
      String label;
      if (nameTok.kind() == Kind.IDENT) {
        label = nameTok.text();
      } else if (nameTok.kind() == Kind.STRING) {
        label = nameTok.string();
        if (peek().kind() == Kind.COMMA || peek().kind() == Kind.RBRACE) {
          out.add(Matcher.equal(Labels.METRIC_NAME, "\0" + label));
          if (peek().kind() == Kind.COMMA) {
            next();
          }
          continue;
        }
      } else {
        throw error(nameTok, nameTok.kind() == Kind.EOF
            ? "unexpected end of input inside braces"
            : "unexpected " + nameTok + " in label matching, expected label");
      }
      Token opTok = next();
      Matcher.Type type;
      if (opTok.kind() == Kind.ASSIGN) {
        type = Matcher.Type.EQUAL;
      } else if (opTok.kind() == Kind.OP && opTok.text().equals("!=")) {
        type = Matcher.Type.NOT_EQUAL;
      } else if (opTok.kind() == Kind.OP && opTok.text().equals("=~")) {
        type = Matcher.Type.REGEX;
      } else if (opTok.kind() == Kind.OP && opTok.text().equals("!~")) {
        type = Matcher.Type.NOT_REGEX;
      } else {
        throw error(opTok, "unexpected " + opTok + " in label matching, expected label matching operator");
      }
      Token valTok = next();
      if (valTok.kind() != Kind.STRING) {
        throw error(valTok, "unexpected " + valTok + " in label matching, expected string");
      }
      try {
        out.add(new Matcher(type, label, valTok.string()));
      } catch (IllegalArgumentException e) {
        throw error(valTok, e.getMessage());
      }
      if (peek().kind() == Kind.COMMA) {
        next();
      } else if (peek().kind() != Kind.RBRACE) {
        throw error(peek(), peek().kind() == Kind.EOF
            ? "unexpected end of input inside braces"
            : "unexpected " + peek() + " in label matching, expected \",\" or \"}\"");
      }
    }
    next();
    return out;
  }
}
