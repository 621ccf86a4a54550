package dev.kurator.telemetry.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.telemetry.promql.Expr.Aggregate;
import dev.kurator.telemetry.promql.Expr.Binary;
import dev.kurator.telemetry.promql.Expr.BinaryOp;
import dev.kurator.telemetry.promql.Expr.Cardinality;
import dev.kurator.telemetry.promql.Expr.MatrixSelector;
import dev.kurator.telemetry.promql.Expr.NumberLiteral;
import dev.kurator.telemetry.promql.Expr.StringLiteral;
import dev.kurator.telemetry.promql.Expr.Subquery;
import dev.kurator.telemetry.promql.Expr.Unary;
import dev.kurator.telemetry.promql.Expr.VectorSelector;
import org.junit.jupiter.api.Test;

class ParserTest {

  @Test
  void precedenceAndAssociativity() {
    Binary e = (Binary) Expr.parse("a + b * c ^ d ^ e or f and g");
    assertThat(e.op()).isEqualTo(BinaryOp.OR);
    Binary add = (Binary) e.lhs();
    assertThat(add.op()).isEqualTo(BinaryOp.ADD);
    Binary mul = (Binary) add.rhs();
    assertThat(mul.op()).isEqualTo(BinaryOp.MUL);
    Binary pow = (Binary) mul.rhs();
    assertThat(pow.op()).isEqualTo(BinaryOp.POW);
    assertThat(((Binary) pow.rhs()).op()).as("^ is right-associative").isEqualTo(BinaryOp.POW);
    assertThat(((Binary) e.rhs()).op()).isEqualTo(BinaryOp.AND);

    Binary left = (Binary) Expr.parse("a - b - c");
    assertThat(left.lhs()).as("- is left-associative").isInstanceOf(Binary.class);
    assertThat(Expr.parse("-2 ^ 2")).as("unary minus binds looser than ^").isInstanceOf(Unary.class);
  }

  @Test
  void selectorsModifiersAndLiterals() {
    MatrixSelector m = (MatrixSelector) Expr.parse("http_requests_total{job=~\"api.*\", code!=\"500\"}[1h30m] "
        + "offset -5m @ 1700000000.5");
    VectorSelector vs = m.selector();
    assertThat(vs.name()).isEqualTo("http_requests_total");
    assertThat(vs.matchers()).hasSize(3);
    assertThat(m.rangeMs()).isEqualTo(5_400_000);
    assertThat(vs.offsetMs()).isEqualTo(-300_000);
    assertThat(vs.at().timestampMs()).isEqualTo(1_700_000_000_500L);
    assertThat(((VectorSelector) Expr.parse("x @ end()")).at().kind()).isEqualTo(Expr.At.Kind.END);

    Subquery sq = (Subquery) Expr.parse("rate(x[5m])[30m:1m] offset 1m");
    assertThat(sq.rangeMs()).isEqualTo(1_800_000);
    assertThat(sq.stepMs()).isEqualTo(60_000);
    assertThat(sq.offsetMs()).isEqualTo(60_000);

    assertThat(((NumberLiteral) Expr.parse("0x1F")).value()).isEqualTo(31);
    assertThat(((NumberLiteral) Expr.parse("-Inf")).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(((NumberLiteral) Expr.parse("1e3")).value()).isEqualTo(1000);
    assertThat(((NumberLiteral) Expr.parse("5m")).value()).as("duration as seconds").isEqualTo(300);
    assertThat(((StringLiteral) Expr.parse("\"a\\tb\\u00e9\" # comment")).value()).isEqualTo("a\tb\u00e9");
    assertThat(((StringLiteral) Expr.parse("`raw\\n`")).value()).isEqualTo("raw\\n");
    assertThat(((MatrixSelector) Expr.parse("x[2m * (10 + 5)]")).rangeMs()).isEqualTo(1_800_000);
    assertThat(((MatrixSelector) Expr.parse("x[5m] smoothed offset 1m")).selector().extension())
        .isEqualTo(Expr.Extension.SMOOTHED);
    assertThat(((MatrixSelector) Expr.parse("x[5m] anchored")).selector().extension())
        .isEqualTo(Expr.Extension.ANCHORED);
    assertThat(((VectorSelector) Expr.parse("x smoothed")).extension()).isEqualTo(Expr.Extension.SMOOTHED);
  }

  @Test
  void aggregationsAndMatching() {
    Aggregate a = (Aggregate) Expr.parse("topk by (job) (3, x)");
    assertThat(a.op()).isEqualTo(Expr.AggregateOp.TOPK);
    assertThat(a.grouping()).containsExactly("job");
    assertThat(a.param()).isPresent();
    Aggregate after = (Aggregate) Expr.parse("sum(x) without (instance,)");
    assertThat(after.without()).isTrue();
    Binary b = (Binary) Expr.parse("a / on(job) group_left(team) b");
    assertThat(b.matching().cardinality()).isEqualTo(Cardinality.MANY_TO_ONE);
    assertThat(b.matching().labels()).containsExactly("job");
    assertThat(b.matching().include()).containsExactly("team");
    assertThat(((Binary) Expr.parse("a > bool 1")).returnBool()).isTrue();
    Binary fill = (Binary) Expr.parse("a + fill_left(-1) fill_right(Inf) b");
    assertThat(fill.matching().fillLeft()).hasValue(-1);
    assertThat(fill.matching().fillRight()).hasValue(Double.POSITIVE_INFINITY);
    assertThat(((MatrixSelector) Expr.parse("x[step() * 2]", 15_000, 60_000)).rangeMs()).isEqualTo(30_000);
  }

  @Test
  void errorsNamePositionAndExpectation() {
    assertThatThrownBy(() -> Expr.parse("sum(rate(x[5m])"))
        .isInstanceOf(ParseException.class)
        .hasMessage("1:16: parse error: unclosed left parenthesis");
    assertThatThrownBy(() -> Expr.parse("x{job=\"a\"\n, 1}"))
        .hasMessageStartingWith("2:3: parse error: unexpected number \"1\" in label matching, expected label");
    assertThatThrownBy(() -> Expr.parse("rate(x)"))
        .hasMessageContaining("expected type range vector in call to function \"rate\", got instant vector");
    assertThatThrownBy(() -> Expr.parse("1 > 2")).hasMessageContaining("must use BOOL modifier");
    assertThatThrownBy(() -> Expr.parse("{}")).hasMessageContaining("at least one non-empty matcher");
    assertThatThrownBy(() -> Expr.parse("a and on(x) 1")).hasMessageContaining("not allowed in binary scalar");
    assertThatThrownBy(() -> Expr.parse("nope(x)")).hasMessageContaining("unknown function with name \"nope\"");
    assertThatThrownBy(() -> Expr.parse("x offset 5m offset 1m")).hasMessageContaining("multiple times");
    assertThatThrownBy(() -> Expr.parse("x[step() * 2]"))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.unsupportedFeature()).isTrue());
  }
}
