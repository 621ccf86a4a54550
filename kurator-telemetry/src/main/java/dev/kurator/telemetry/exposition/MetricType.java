package dev.kurator.telemetry.exposition;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A metric family's type, with the sample-name suffixes each format allows for it. */
public enum MetricType {
  COUNTER(List.of(""), List.of("_total", "_created")),
  GAUGE(List.of(""), List.of("")),
  HISTOGRAM(List.of("_bucket", "_sum", "_count"), List.of("_bucket", "_sum", "_count", "_created")),
  GAUGE_HISTOGRAM(List.of(), List.of("_bucket", "_gsum", "_gcount")),
  SUMMARY(List.of("", "_sum", "_count"), List.of("", "_sum", "_count", "_created")),
  INFO(List.of(), List.of("_info")),
  STATESET(List.of(), List.of("")),
  /** Text format's {@code untyped}; OpenMetrics's {@code unknown}. */
  UNTYPED(List.of(""), List.of(""));

  private final List<String> textSuffixes;
  private final List<String> openMetricsSuffixes;

  MetricType(List<String> textSuffixes, List<String> openMetricsSuffixes) {
    this.textSuffixes = textSuffixes;
    this.openMetricsSuffixes = openMetricsSuffixes;
  }

  /** Suffixes a sample name may add to the family name in {@code format}; empty when the type is not allowed. */
  public List<String> suffixes(ExpositionFormat format) {
    return format == ExpositionFormat.TEXT_0_0_4 ? textSuffixes : openMetricsSuffixes;
  }

  /** The type a {@code # TYPE} line names in {@code format}, if it is one of that format's types. */
  public static Optional<MetricType> fromTypeName(String name, ExpositionFormat format) {
    String n = name.toLowerCase(Locale.ROOT);
    MetricType t = switch (n) {
      case "counter" -> COUNTER;
      case "gauge" -> GAUGE;
      case "histogram" -> HISTOGRAM;
      case "summary" -> SUMMARY;
      case "untyped" -> format == ExpositionFormat.TEXT_0_0_4 ? UNTYPED : null;
      case "unknown" -> format == ExpositionFormat.OPENMETRICS_1_0 ? UNTYPED : null;
      case "gaugehistogram" -> format == ExpositionFormat.OPENMETRICS_1_0 ? GAUGE_HISTOGRAM : null;
      case "info" -> format == ExpositionFormat.OPENMETRICS_1_0 ? INFO : null;
      case "stateset" -> format == ExpositionFormat.OPENMETRICS_1_0 ? STATESET : null;
      default -> null;
    };
    return Optional.ofNullable(t);
  }
}
