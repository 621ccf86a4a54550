package dev.kurator.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.kurator.core.ValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {

  private static final Slo SLO = new Slo("api", 0.99, Duration.ofDays(30), "requests_total", "requests_total{code=\"500\"}");

  @Test
  void fullPeriodBurnAndRemainingBudget() {
    SloResult half = SloEvaluator.evaluate(SLO, "eu-1", Duration.ofDays(30), 10_000, 50);
    assertThat(half.errorRatio()).isEqualTo(0.005);
    assertThat(half.burnRate()).isCloseTo(0.5, within(1e-12));
    assertThat(half.budgetRemaining()).isCloseTo(0.5, within(1e-12));
    assertThat(half.status()).isEqualTo(SloResult.Status.HEALTHY);
    SloResult spent = SloEvaluator.evaluate(SLO, "eu-1", Duration.ofDays(30), 10_000, 150);
    assertThat(spent.budgetRemaining()).isCloseTo(-0.5, within(1e-12));
    assertThat(spent.status()).isEqualTo(SloResult.Status.EXHAUSTED);
  }

  @Test
  void shortWindowBurningFastStillHasBudget() {
    // 14.4x burn for one hour of a 30-day SLO spends 2% of the budget: Google SRE's fast-burn page threshold.
    SloResult r = SloEvaluator.evaluate(SLO, "fleet", Duration.ofHours(1), 1000, 144);
    assertThat(r.burnRate()).isCloseTo(14.4, within(1e-9));
    assertThat(r.budgetRemaining()).isCloseTo(0.98, within(1e-9));
    assertThat(r.status()).isEqualTo(SloResult.Status.BURNING);
  }

  @Test
  void noEventsMeansNoData() {
    SloResult r = SloEvaluator.evaluate(SLO, "eu-1", Duration.ofHours(1), 0, 0);
    assertThat(r.status()).isEqualTo(SloResult.Status.NO_DATA);
    assertThat(r.errorRatio()).isNaN();
  }

  @Test
  void sloValidatesEveryField() {
    assertThatThrownBy(() -> new Slo(" ", 1.0, Duration.ZERO, "", null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("slo.name: was \" \", must not be blank")
        .hasMessageContaining("slo.objective: was 1.0, must be strictly between 0 and 1")
        .hasMessageContaining("slo.window: was PT0S, must be positive")
        .hasMessageContaining("slo.totalSelector")
        .hasMessageContaining("slo.badSelector");
  }
}
