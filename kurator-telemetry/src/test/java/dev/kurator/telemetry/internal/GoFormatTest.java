package dev.kurator.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoFormatTest {

  @ParameterizedTest
  @CsvSource({
      "760, 760",
      "0.5, 0.5",
      "1.1333333333333333, 1.1333333333333333",
      "0.1, 0.1",
      "1e-7, 1e-07",
      "-2.5e-9, -2.5e-09",
      "1e21, 1e+21",
      "1.5e300, 1.5e+300",
      "1e20, 100000000000000000000",
      "0.000001, 0.000001",
      "123456.789, 123456.789",
      "-3, -3",
      "0, 0"})
  void formatsValuesLikeGo(double v, String expected) {
    assertThat(GoFormat.formatValue(v)).isEqualTo(expected);
  }

  @Test
  void formatsSpecialValues() {
    assertThat(GoFormat.formatValue(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFormat.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFormat.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(GoFormat.formatValue(-0.0)).isEqualTo("-0");
    assertThat(GoFormat.parseValue("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(GoFormat.parseValue("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(GoFormat.parseValue("NaN")).isNaN();
    assertThat(GoFormat.parseValue("1e-07")).isEqualTo(1e-7);
    assertThatThrownBy(() -> GoFormat.parseValue("abc")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void formatsTimestampsWithMillisecondsOnlyWhenNonZero() {
    assertThat(GoFormat.formatTimestamp(1700001200000L)).isEqualTo("1700001200");
    assertThat(GoFormat.formatTimestamp(1795840310500L)).isEqualTo("1795840310.500");
    assertThat(GoFormat.formatTimestamp(1795840298268L)).isEqualTo("1795840298.268");
    assertThat(GoFormat.formatTimestamp(1000007L)).isEqualTo("1000.007");
    assertThat(GoFormat.secondsToMillis(new BigDecimal("1795840298.268"))).isEqualTo(1795840298268L);
  }

  @Test
  void roundTripsRandomDoublesThroughTheTextForm() {
    java.util.Random r = new java.util.Random(42);
    for (int i = 0; i < 10_000; i++) {
      double v = Double.longBitsToDouble(r.nextLong());
      if (Double.isNaN(v)) {
        continue;
      }
      assertThat(GoFormat.parseValue(GoFormat.formatValue(v))).isEqualTo(v);
    }
  }
}
