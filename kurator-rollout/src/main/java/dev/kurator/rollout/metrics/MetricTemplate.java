package dev.kurator.rollout.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flagger {@code MetricTemplate} ({@code flagger.app/v1beta1}): a query with Flagger's template variables
 * {@code {{ name }}}, {@code {{ namespace }}}, {@code {{ target }}}, {@code {{ service }}}, {@code {{ ingress }}},
 * {@code {{ route }}}, {@code {{ interval }}} and {@code {{ variables.<key> }}} (from the metric's
 * {@code templateVariables}).
 *
 * @param namespace the template's namespace
 * @param name the template's name
 * @param providerType {@code spec.provider.type}; Flagger treats an unknown type as {@code prometheus}
 * @param query {@code spec.query}, a PromQL text with template variables
 */
public record MetricTemplate(String namespace, String name, String providerType, String query) {

  /** The provider type this module answers. */
  public static final String PROMETHEUS = "prometheus";

  /** Flagger's provider types other than Prometheus; any other type falls back to Prometheus, as in Flagger. */
  static final Set<String> OTHER_PROVIDERS = Set.of("datadog", "cloudwatch", "newrelic", "graphite", "stackdriver",
      "influxdb", "dynatrace", "keptn", "splunk", "externalmetrics");

  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)?)\\s*}}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public MetricTemplate {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(providerType, "providerType");
    Objects.requireNonNull(query, "query");
  }

  /** A Prometheus template {@code namespace/name} with {@code query}. */
  public static MetricTemplate of(String namespace, String name, String query) {
    return new MetricTemplate(namespace, name, PROMETHEUS, query);
  }

  /**
   * Reads one {@code MetricTemplate} document, as Flagger's users write it.
   *
   * @throws ValidationException listing every problem (kind, name, namespace, query) with its field path
   */
  public static MetricTemplate parse(String yaml) {
    JsonNode n;
    try {
      n = YAML.readTree(yaml);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ValidationException(java.util.List.of(
          new ValidationException.Problem("", abbreviate(yaml), "must be YAML: " + e.getOriginalMessage())));
    }
    Problems p = new Problems();
    if (n == null || !n.isObject()) {
      p.add("", abbreviate(yaml), "must be a MetricTemplate object");
      p.throwIfAny();
    }
    String kind = n.path("kind").asText("");
    p.check(!"MetricTemplate".equals(kind), "kind", kind, "must be MetricTemplate");
    String name = n.path("metadata").path("name").asText("");
    p.check(name.isBlank(), "metadata.name", name, "must not be blank");
    String namespace = n.path("metadata").path("namespace").asText("");
    p.check(namespace.isBlank(), "metadata.namespace", namespace, "must not be blank");
    String query = n.path("spec").path("query").asText("");
    p.check(query.isBlank(), "spec.query", query, "must not be blank");
    String type = n.path("spec").path("provider").path("type").asText(PROMETHEUS);
    p.throwIfAny();
    return new MetricTemplate(namespace, name, type.isBlank() ? PROMETHEUS : type, query);
  }

  /** {@code namespace/name}, as a {@code templateRef} names it. */
  public String key() {
    return namespace + "/" + name;
  }

  /** Whether this module can run the template: type {@code prometheus}, or a type Flagger does not know. */
  public boolean isPrometheus() {
    return !OTHER_PROVIDERS.contains(providerType);
  }

  /**
   * The query with every template variable replaced by its value in {@code values} (keys {@code namespace},
   * {@code variables.x}, ...).
   *
   * @throws IllegalArgumentException naming every variable that has no value
   */
  public String render(Map<String, String> values) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    Set<String> missing = new TreeSet<>();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        missing.add(m.group(1));
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("MetricTemplate " + key() + " query render error: no value for "
          + String.join(", ", missing));
    }
    return out.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
