package dev.kurator.telemetry.promql.internal;

import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Expr.Aggregate;
import dev.kurator.telemetry.promql.Expr.At;
import dev.kurator.telemetry.promql.Expr.Binary;
import dev.kurator.telemetry.promql.Expr.Call;
import dev.kurator.telemetry.promql.Expr.Cardinality;
import dev.kurator.telemetry.promql.Expr.MatrixSelector;
import dev.kurator.telemetry.promql.Expr.NumberLiteral;
import dev.kurator.telemetry.promql.Expr.Paren;
import dev.kurator.telemetry.promql.Expr.StringLiteral;
import dev.kurator.telemetry.promql.Expr.Subquery;
import dev.kurator.telemetry.promql.Expr.Unary;
import dev.kurator.telemetry.promql.Expr.VectorMatching;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import dev.kurator.telemetry.promql.Matcher;
import java.util.List;
import java.util.StringJoiner;

/** Prints an expression back as PromQL text that parses to the same tree (binary operands are parenthesised). */
public final class Printer {
  private Printer() {}

  /** PromQL text for {@code e}. */
  public static String print(Expr e) {
    StringBuilder sb = new StringBuilder();
    write(e, sb);
    return sb.toString();
  }

  /** A Prometheus duration string for milliseconds, e.g. {@code 90000ms}. */
  public static String duration(long ms) {
    if (ms == 0) {
      return "0s";
    }
    String sign = ms < 0 ? "-" : "";
    long a = Math.abs(ms);
    return a % 1000 == 0 ? sign + (a / 1000) + "s" : sign + a + "ms";
  }

  /** A selector {@code {a="b", ...}} for the matchers. */
  public static String selector(List<Matcher> matchers) {
    StringJoiner j = new StringJoiner(", ", "{", "}");
    for (Matcher m : matchers) {
      j.add(labelName(m.name()) + m.type().symbol() + Lexer.goQuote(m.value()));
    }
    return j.toString();
  }

  private static void write(Expr e, StringBuilder sb) {
    if (e instanceof NumberLiteral n) {
      double v = n.value();
      sb.append(Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : GoMath.formatFloat(v));
    } else if (e instanceof StringLiteral s) {
      sb.append(Lexer.goQuote(s.value()));
    } else if (e instanceof VectorSelector vs) {
      sb.append(selector(vs.matchers()));
      smoothed(vs, sb);
      modifiers(vs.offsetMs(), vs.at(), sb);
    } else if (e instanceof MatrixSelector ms) {
      sb.append(selector(ms.selector().matchers())).append('[').append(duration(ms.rangeMs())).append(']');
      smoothed(ms.selector(), sb);
      modifiers(ms.selector().offsetMs(), ms.selector().at(), sb);
    } else if (e instanceof Subquery sq) {
      sb.append('(');
      write(sq.expr(), sb);
      sb.append(")[").append(duration(sq.rangeMs())).append(':');
      if (sq.stepMs() > 0) {
        sb.append(duration(sq.stepMs()));
      }
      sb.append(']');
      modifiers(sq.offsetMs(), sq.at(), sb);
    } else if (e instanceof Paren p) {
      sb.append('(');
      write(p.expr(), sb);
      sb.append(')');
    } else if (e instanceof Unary u) {
      sb.append(u.negate() ? "-(" : "+(");
      write(u.expr(), sb);
      sb.append(')');
    } else if (e instanceof Binary b) {
      sb.append('(');
      write(b.lhs(), sb);
      sb.append(") ").append(b.op().symbol());
      if (b.returnBool()) {
        sb.append(" bool");
      }
      matching(b, sb);
      sb.append(" (");
      write(b.rhs(), sb);
      sb.append(')');
    } else if (e instanceof Aggregate a) {
      sb.append(a.op().keyword());
      if (a.without() || !a.grouping().isEmpty()) {
        sb.append(a.without() ? " without " : " by ").append(labelList(a.grouping()));
      }
      sb.append(" (");
      if (a.param().isPresent()) {
        write(a.param().get(), sb);
        sb.append(", ");
      }
      write(a.expr(), sb);
      sb.append(')');
    } else if (e instanceof Call c) {
      sb.append(c.function()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        write(c.args().get(i), sb);
      }
      sb.append(')');
    }
  }

  private static void smoothed(VectorSelector vs, StringBuilder sb) {
    switch (vs.extension()) {
      case SMOOTHED -> sb.append(" smoothed");
      case ANCHORED -> sb.append(" anchored");
      default -> {}
    }
  }

  private static void matching(Binary b, StringBuilder sb) {
    VectorMatching m = b.matching();
    boolean vectors = b.lhs().type() == Expr.ValueType.VECTOR && b.rhs().type() == Expr.ValueType.VECTOR;
    if (!vectors) {
      return;
    }
    if (m.on() || !m.labels().isEmpty()) {
      sb.append(m.on() ? " on" : " ignoring").append(labelList(m.labels()));
    }
    if (m.cardinality() == Cardinality.MANY_TO_ONE || m.cardinality() == Cardinality.ONE_TO_MANY) {
      sb.append(m.cardinality() == Cardinality.MANY_TO_ONE ? " group_left" : " group_right")
          .append(labelList(m.include()));
    }
    m.fillLeft().ifPresent(v -> sb.append(" fill_left(").append(print(new NumberLiteral(v))).append(')'));
    m.fillRight().ifPresent(v -> sb.append(" fill_right(").append(print(new NumberLiteral(v))).append(')'));
  }

  private static String labelList(List<String> labels) {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (String l : labels) {
      j.add(labelName(l));
    }
    return j.toString();
  }

  private static void modifiers(long offsetMs, At at, StringBuilder sb) {
    if (offsetMs != 0) {
      sb.append(" offset ").append(duration(offsetMs));
    }
    switch (at.kind()) {
      case TIMESTAMP -> sb.append(" @ ").append(GoMath.formatFloat(at.timestampMs() / 1000.0));
      case START -> sb.append(" @ start()");
      case END -> sb.append(" @ end()");
      default -> {}
    }
  }

  private static String labelName(String l) {
    return l.matches("[a-zA-Z_][a-zA-Z0-9_]*") ? l : Lexer.goQuote(l);
  }
}
