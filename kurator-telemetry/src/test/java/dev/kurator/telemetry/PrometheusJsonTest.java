package dev.kurator.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PrometheusJsonTest {

  static Stream<Path> apiFixtures() throws IOException {
    try (Stream<Path> files = Files.list(SharedData.telemetry("prometheus-api/api"))) {
      return files.sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("apiFixtures")
  void everyCapturedAnswerParsesAndReserialisesByteForByte(Path file) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8).strip();
    String body = content;
    int status = 200;
    if (file.getFileName().toString().endsWith(".txt")) {
      int nl = content.lastIndexOf('\n');
      body = content.substring(0, nl);
      status = Integer.parseInt(content.substring(nl + 1).strip());
    }
    String name = file.getFileName().toString();
    ApiResponse<?> parsed;
    if (name.startsWith("series")) {
      parsed = PrometheusJson.parseSeries(body);
    } else if (name.startsWith("label")) {
      parsed = PrometheusJson.parseStrings(body);
    } else {
      parsed = PrometheusJson.parseQuery(body);
    }
    assertThat(parsed.httpStatus()).isEqualTo(status);
    assertThat(PrometheusJson.write(parsed)).isEqualTo(body);
  }

  @Test
  void errorTypesCarryPrometheusStatusCodes() throws IOException {
    ApiResponse<QueryData> bad = PrometheusJson.parseQuery(
        Files.readString(SharedData.telemetry("prometheus-api/api/err_bad_data_parse.txt")).lines().findFirst().orElseThrow());
    assertThat(bad.success()).isFalse();
    assertThat(bad.knownErrorType()).contains(ErrorType.BAD_DATA);
    assertThat(bad.error()).contains("unclosed left parenthesis");
    assertThat(ErrorType.EXECUTION.httpStatus()).isEqualTo(422);
    assertThat(ErrorType.TIMEOUT.httpStatus()).isEqualTo(503);
    assertThat(ErrorType.CANCELED.httpStatus()).isEqualTo(499);
    assertThat(ErrorType.INTERNAL.httpStatus()).isEqualTo(500);
    assertThat(ErrorType.fromWireName("canceled")).contains(ErrorType.CANCELED);
    assertThat(ErrorType.fromWireName("nonsense")).isEmpty();
  }

  @Test
  void parsesTypedVectorWithMillisecondTimestampsAndSpecialValues() {
    String json = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + "{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"value\":[1795840298.268,\"NaN\"]},"
        + "{\"metric\":{},\"value\":[1795840310.5,\"+Inf\"]},"
        + "{\"metric\":{\"x\":\"y\"},\"value\":[1,\"-Inf\"]}]},\"warnings\":[\"w1\"]}";
    ApiResponse<QueryData> r = PrometheusJson.parseQuery(json);
    QueryData.Vector v = (QueryData.Vector) r.data();
    assertThat(v.samples()).hasSize(3);
    assertThat(v.samples().get(0).metric()).isEqualTo(Labels.of("__name__", "up", "job", "a"));
    assertThat(v.samples().get(0).point().timestampMillis()).isEqualTo(1795840298268L);
    assertThat(v.samples().get(0).value()).isNaN();
    assertThat(v.samples().get(1).point().timestampMillis()).isEqualTo(1795840310500L);
    assertThat(v.samples().get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(v.samples().get(2).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(r.warnings()).containsExactly("w1");
    // Go writes 1795840310.500 for half a second, and keeps the warnings after data.
    assertThat(PrometheusJson.write(r)).isEqualTo(json.replace("1795840310.5,", "1795840310.500,"));
  }

  @Test
  void rejectsMalformedAnswersNamingTheField() {
    assertThatThrownBy(() -> PrometheusJson.parseQuery("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        + "\"result\":[{\"metric\":{},\"value\":[1,\"abc\"]}]}}"))
        .isInstanceOf(PrometheusApiException.class)
        .hasMessageContaining("data.result[0].value[1]: was \"abc\", must be a number");
    assertThatThrownBy(() -> PrometheusJson.parseQuery("404 page not found"))
        .isInstanceOf(PrometheusApiException.class).hasMessageContaining("not a Prometheus API answer");
    assertThatThrownBy(() -> PrometheusJson.parseQuery("{\"status\":\"weird\"}"))
        .hasMessageContaining("status: was \"weird\"");
  }

  @Test
  void writesSeriesAndLabelLists() {
    assertThat(PrometheusJson.write(ApiResponse.success(List.of(Labels.of("b", "2", "a", "1")), List.of())))
        .isEqualTo("{\"status\":\"success\",\"data\":[{\"a\":\"1\",\"b\":\"2\"}]}");
    assertThat(PrometheusJson.write(ApiResponse.success(List.of("a", "b"), List.of("cluster b down"))))
        .isEqualTo("{\"status\":\"success\",\"data\":[\"a\",\"b\"],\"warnings\":[\"cluster b down\"]}");
    assertThat(PrometheusJson.write(ApiResponse.error(ErrorType.TIMEOUT, "query timed out")))
        .isEqualTo("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out\"}");
  }
}
