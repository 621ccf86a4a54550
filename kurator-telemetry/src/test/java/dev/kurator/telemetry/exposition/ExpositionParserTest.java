package dev.kurator.telemetry.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.telemetry.Labels;
import dev.kurator.telemetry.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  private static Map<String, Integer> counts(List<MetricFamily> families) {
    Map<String, Integer> out = new LinkedHashMap<>();
    families.forEach(f -> out.put(f.name(), f.samples().size()));
    return out;
  }

  private static List<MetricFamily> parseShared(String file, ExpositionFormat format) throws IOException {
    return ExpositionParser.parse(Files.readString(SharedData.peer("exposition/" + file)), format);
  }

  @Test
  void textFormatSampleHas237FamiliesAnd1857Samples() throws IOException {
    List<MetricFamily> families = parseShared("alltypes.237mfs.prom.txt", ExpositionFormat.TEXT_0_0_4);
    assertThat(families).hasSize(237);
    assertThat(ExpositionParser.sampleCount(families)).isEqualTo(1857);
    Map<String, Integer> counts = counts(families);
    // 5 quantiles + _sum + _count; 12 buckets + _sum + _count.
    assertThat(counts).containsEntry("go_gc_duration_seconds", 7)
        .containsEntry("go_gc_heap_allocs_by_size_bytes", 14)
        .containsEntry("go_gc_cycles_automatic_gc_cycles_total", 1);
    MetricFamily summary = families.stream().filter(f -> f.name().equals("go_gc_duration_seconds")).findFirst()
        .orElseThrow();
    assertThat(summary.type()).isEqualTo(MetricType.SUMMARY);
    assertThat(summary.help()).startsWith("A summary of the wall-time pause");
    assertThat(summary.samples().get(1).labels()).isEqualTo(Labels.of("quantile", "0.25"));
    assertThat(summary.samples().get(1).value()).isEqualTo(0.00010188);
    assertThat(summary.samples().get(6).name()).isEqualTo("go_gc_duration_seconds_count");
    // Every family's sample count matches the lines that carry its name (families here are contiguous and typed).
    String text = Files.readString(SharedData.peer("exposition/alltypes.237mfs.prom.txt"));
    for (MetricFamily f : families) {
      long lines = text.lines().filter(l -> !l.startsWith("#"))
          .filter(l -> f.type().suffixes(ExpositionFormat.TEXT_0_0_4).stream()
              .anyMatch(sfx -> l.startsWith(f.name() + sfx + "{") || l.startsWith(f.name() + sfx + " ")))
          .count();
      assertThat(f.samples()).as(f.name()).hasSize((int) lines);
    }
  }

  @Test
  void openMetricsSampleWithExemplarsAndCreated() throws IOException {
    List<MetricFamily> families = parseShared("alltypes.5mfs.om.txt", ExpositionFormat.OPENMETRICS_1_0);
    assertThat(counts(families)).containsExactly(
        Map.entry("go_build_info", 1),
        Map.entry("promhttp_metric_handler_errors", 4),
        Map.entry("rpc_durations_histogram_seconds", 24),
        Map.entry("rpc_durations_seconds", 18),
        Map.entry("rpc_requests", 6));
    MetricFamily hist = families.get(2);
    assertThat(hist.type()).isEqualTo(MetricType.HISTOGRAM);
    ExpositionSample withExemplar = hist.samples().get(7);
    assertThat(withExemplar.labels().get("le")).contains("-0.0002899999999999998");
    assertThat(withExemplar.exemplar().labels()).isEqualTo(Labels.of("dummyID", "17783"));
    assertThat(withExemplar.exemplar().value()).isEqualTo(-0.0003825067330956884);
    assertThat(withExemplar.exemplar().timestampMillis()).isEqualTo(1726839814224L);
    assertThat(families.get(1).type()).isEqualTo(MetricType.COUNTER);
    assertThat(families.get(1).samples()).extracting(ExpositionSample::name)
        .containsExactly("promhttp_metric_handler_errors_total", "promhttp_metric_handler_errors_created",
            "promhttp_metric_handler_errors_total", "promhttp_metric_handler_errors_created");
  }

  @Test
  void openMetricsSingleHistogramHas42Samples() throws IOException {
    List<MetricFamily> families = parseShared("1histogram.om.txt", ExpositionFormat.OPENMETRICS_1_0);
    assertThat(counts(families)).containsExactly(Map.entry("golang_manual_histogram_seconds", 42));
  }

  @Test
  void federateOutputWithMillisecondTimestamps() throws IOException {
    List<MetricFamily> families = ExpositionParser.parse(
        Files.readString(SharedData.telemetry("prometheus-api/live/federate_histogram.txt")), ExpositionFormat.TEXT_0_0_4);
    assertThat(counts(families)).containsExactly(Map.entry("prometheus_http_request_duration_seconds_bucket", 10),
        Map.entry("prometheus_http_request_duration_seconds_count", 1),
        Map.entry("prometheus_http_request_duration_seconds_sum", 1));
    ExpositionSample sum = families.get(2).samples().get(0);
    assertThat(sum.value()).isEqualTo(7.5013e-05);
    assertThat(sum.timestampMillis()).isEqualTo(1795840574147L);
    assertThat(sum.labels().get("cluster")).contains("test-a");
    List<MetricFamily> metrics = ExpositionParser.parse(
        Files.readString(SharedData.telemetry("prometheus-api/live/metrics_text_0.0.4.txt")), ExpositionFormat.TEXT_0_0_4);
    assertThat(metrics).isNotEmpty().allMatch(f -> !f.samples().isEmpty() || f.type() != MetricType.UNTYPED);
  }

  @Test
  void escapesSpecialValuesCommentsAndQuotedNames() {
    String text = "# a comment\n\n# HELP x Line one\\nline \\\\two\n# TYPE x gauge\n"
        + "x{path=\"a\\\"b\\\\c\\nd\",} NaN\nx{path=\"2\"}\t+Inf 1700000000000\n{\"my.metric\",a=\"b\"} -Inf\n";
    List<MetricFamily> f = ExpositionParser.parse(text, ExpositionFormat.TEXT_0_0_4);
    assertThat(f).hasSize(2);
    assertThat(f.get(0).help()).isEqualTo("Line one\nline \\two");
    assertThat(f.get(0).samples().get(0).labels().get("path")).contains("a\"b\\c\nd");
    assertThat(f.get(0).samples().get(0).value()).isNaN();
    assertThat(f.get(0).samples().get(1).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(f.get(0).samples().get(1).timestampMillis()).isEqualTo(1700000000000L);
    assertThat(f.get(1).name()).isEqualTo("my.metric");
    assertThat(f.get(1).samples().get(0).seriesLabels()).isEqualTo(Labels.of("__name__", "my.metric", "a", "b"));
  }

  @Test
  void rejectsMalformedInputNamingTheLine() {
    assertThatThrownBy(() -> ExpositionParser.parse("a 1\nb 2\na 3\n", ExpositionFormat.TEXT_0_0_4))
        .isInstanceOf(ExpositionException.class).hasMessage("line 3: samples of a are not contiguous");
    assertThatThrownBy(() -> ExpositionParser.parse("x 1\n# TYPE x gauge\n", ExpositionFormat.TEXT_0_0_4))
        .hasMessage("line 2: # TYPE for x after its samples");
    assertThatThrownBy(() -> ExpositionParser.parse("# TYPE x histogram\nx_bucket 1\n", ExpositionFormat.TEXT_0_0_4))
        .hasMessage("line 2: x_bucket needs an le label");
    assertThatThrownBy(() -> ExpositionParser.parse("x 1f\n", ExpositionFormat.TEXT_0_0_4))
        .hasMessage("line 1: invalid value \"1f\"");
    assertThatThrownBy(() -> ExpositionParser.parse("x 1\n", ExpositionFormat.OPENMETRICS_1_0))
        .hasMessage("line 2: OpenMetrics must end with # EOF");
    assertThatThrownBy(() -> ExpositionParser.parse("# TYPE x untyped\n# EOF\n", ExpositionFormat.OPENMETRICS_1_0))
        .hasMessage("line 1: invalid type \"untyped\" for x in OPENMETRICS_1_0");
    assertThatThrownBy(() -> ExpositionParser.parse("x 1 1.5\n# EOF\n", ExpositionFormat.TEXT_0_0_4))
        .hasMessageContaining("invalid timestamp \"1.5\" (integer milliseconds)");
    assertThatThrownBy(() -> ExpositionParser.parse("x{a=\"1\" 1\n", ExpositionFormat.TEXT_0_0_4))
        .isInstanceOf(ExpositionException.class);
  }

  @Test
  void contentTypeSelectsTheFormat() {
    assertThat(ExpositionFormat.fromContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"))
        .isEqualTo(ExpositionFormat.OPENMETRICS_1_0);
    assertThat(ExpositionFormat.fromContentType("text/plain; version=0.0.4; charset=utf-8"))
        .isEqualTo(ExpositionFormat.TEXT_0_0_4);
  }
}
