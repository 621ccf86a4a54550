package dev.kurator.telemetry.promql.fleet;

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
import dev.kurator.telemetry.promql.Expr.VectorMatching;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import dev.kurator.telemetry.promql.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a query so that decomposable aggregations run on each cluster and only their partial results travel:
 * {@code sum}, {@code min}, {@code max}, {@code group}, {@code topk}/{@code bottomk} re-aggregate their partials,
 * {@code count} sums them and {@code avg} becomes {@code sum(sums) / sum(counts)}. An aggregation is pushed only when
 * its input is cluster-local: evaluating it on each cluster alone and taking the union (each series tagged with its
 * cluster) equals evaluating it over the whole fleet. Nothing inside a subquery is pushed.
 */
final class Pushdown {

  /** Label of the synthetic selectors that stand for pushed-down partial results. */
  static final String PARTIAL_LABEL = "__kurator_partial__";

  private static final Set<AggregateOp> PUSHABLE = Set.of(AggregateOp.SUM, AggregateOp.MIN, AggregateOp.MAX,
      AggregateOp.COUNT, AggregateOp.GROUP, AggregateOp.TOPK, AggregateOp.BOTTOMK, AggregateOp.AVG);

  private static final Set<String> NON_LOCAL_FUNCTIONS = Set.of("absent", "absent_over_time", "scalar", "vector",
      "sort", "sort_desc", "sort_by_label", "sort_by_label_desc", "info", "limitk", "limit_ratio");

  private final String clusterLabel;
  private final List<Expr> pushed = new ArrayList<>();

  Pushdown(String clusterLabel) {
    this.clusterLabel = clusterLabel;
  }

  /** The sub-expressions to run on every cluster, indexed by partial id. */
  List<Expr> pushed() {
    return pushed;
  }

  Expr rewrite(Expr e) {
    if (e instanceof Aggregate a && pushable(a)) {
      return pushAggregate(a);
    }
    if (e instanceof Paren p) {
      return new Paren(rewrite(p.expr()));
    }
    if (e instanceof Unary u) {
      return new Unary(u.negate(), rewrite(u.expr()));
    }
    if (e instanceof Binary b) {
      return new Binary(b.op(), rewrite(b.lhs()), rewrite(b.rhs()), b.matching(), b.returnBool());
    }
    if (e instanceof Call c) {
      return new Call(c.function(), c.args().stream().map(this::rewrite).toList(), c.returnType());
    }
    if (e instanceof Aggregate a) {
      return new Aggregate(a.op(), rewrite(a.expr()), a.param().map(this::rewrite), a.grouping(), a.without());
    }
    return e;
  }

  private boolean pushable(Aggregate a) {
    if (!PUSHABLE.contains(a.op()) || !isLocal(a.expr())) {
      return false;
    }
    return a.param().isEmpty() || a.param().get() instanceof NumberLiteral;
  }

  private Expr pushAggregate(Aggregate a) {
    if (a.op() == AggregateOp.AVG) {
      Expr sums = partial(new Aggregate(AggregateOp.SUM, a.expr(), Optional.empty(), a.grouping(), a.without()));
      Expr counts = partial(new Aggregate(AggregateOp.COUNT, a.expr(), Optional.empty(), a.grouping(), a.without()));
      Expr sum = new Aggregate(AggregateOp.SUM, sums, Optional.empty(), a.grouping(), a.without());
      Expr count = new Aggregate(AggregateOp.SUM, counts, Optional.empty(), a.grouping(), a.without());
      return new Binary(BinaryOp.DIV, sum, count,
          new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of()), false);
    }
    Expr partial = partial(a);
    AggregateOp combine = a.op() == AggregateOp.COUNT ? AggregateOp.SUM : a.op();
    return new Aggregate(combine, partial, a.param(), a.grouping(), a.without());
  }

  private Expr partial(Expr e) {
    pushed.add(e);
    String id = Integer.toString(pushed.size() - 1);
    return new VectorSelector("", List.of(Matcher.equal(PARTIAL_LABEL, id)), 0, At.NONE);
  }

  /** True when evaluating {@code e} per cluster and taking the union equals evaluating it over the fleet. */
  boolean isLocal(Expr e) {
    if (e instanceof NumberLiteral || e instanceof StringLiteral) {
      return true;
    }
    if (e instanceof VectorSelector vs) {
      return vs.matchers().stream().noneMatch(m -> m.name().equals(clusterLabel));
    }
    if (e instanceof MatrixSelector ms) {
      return isLocal(ms.selector());
    }
    if (e instanceof Subquery sq) {
      return isLocal(sq.expr());
    }
    if (e instanceof Paren p) {
      return isLocal(p.expr());
    }
    if (e instanceof Unary u) {
      return isLocal(u.expr());
    }
    if (e instanceof Binary b) {
      boolean vectors = b.lhs().type() == Expr.ValueType.VECTOR && b.rhs().type() == Expr.ValueType.VECTOR;
      if (vectors) {
        VectorMatching m = b.matching();
        boolean keepsCluster = m.on() ? m.labels().contains(clusterLabel) : !m.labels().contains(clusterLabel);
        if (!keepsCluster || m.include().contains(clusterLabel)) {
          return false;
        }
      }
      return isLocal(b.lhs()) && isLocal(b.rhs());
    }
    if (e instanceof Aggregate a) {
      boolean keepsCluster = a.without() != a.grouping().contains(clusterLabel);
      return keepsCluster
          && a.op() != AggregateOp.LIMITK
          && a.op() != AggregateOp.LIMIT_RATIO
          && isLocal(a.expr())
          && a.param().map(this::isLocal).orElse(true);
    }
    if (e instanceof Call c) {
      if (NON_LOCAL_FUNCTIONS.contains(c.function())) {
        return false;
      }
      for (Expr arg : c.args()) {
        if (arg instanceof StringLiteral s && s.value().equals(clusterLabel)) {
          return false;
        }
        if (!isLocal(arg)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
