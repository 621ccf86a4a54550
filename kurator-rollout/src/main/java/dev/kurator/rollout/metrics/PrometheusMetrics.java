package dev.kurator.rollout.metrics;

import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.MetricValue;
import dev.kurator.rollout.spi.MetricProvider;
import dev.kurator.rollout.spi.MetricQuery;
import dev.kurator.telemetry.ClusterEndpoints;
import dev.kurator.telemetry.ClusterSelector;
import dev.kurator.telemetry.EndpointOutcome;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.QueryData;
import dev.kurator.telemetry.QueryResult;
import dev.kurator.telemetry.Sample;
import dev.kurator.telemetry.health.MetricsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a canary's metric checks from the Prometheus of the cluster the canary runs on, through a
 * {@link FleetQuerier} scoped to that one cluster, with Flagger's semantics:
 *
 * <ul>
 *   <li>{@code request-success-rate}: Flagger's built-in query, percent of non-5xx requests (0-100);</li>
 *   <li>{@code request-duration}: Flagger's built-in P99 query, in whole milliseconds (Flagger truncates the same
 *       way); the Istio histogram is in milliseconds, the plain Prometheus one
 *       ({@code http_request_duration_seconds}) in seconds;</li>
 *   <li>a check with a {@code templateRef}: the registered {@link MetricTemplate}'s query with its variables
 *       rendered ({@code templateRef} without a namespace means the canary's namespace);</li>
 *   <li>a check with an inline {@code query} (Flagger's deprecated form): that text, sent as is.</li>
 * </ul>
 *
 * <p>The built-in queries follow the canary's {@code spec.provider} as Flagger's observer factory does:
 * {@code kubernetes} reads the application's own {@code http_request_duration_seconds} histogram
 * ({@link MetricsProvider#PROMETHEUS}); {@code istio} and any provider without its own queries here read Istio's
 * telemetry ({@link MetricsProvider#ISTIO}, Flagger's fallback). Flagger's mesh-specific observers (Linkerd, App Mesh,
 * Contour, Gloo, NGINX, Skipper, Traefik) are not reproduced: for those meshes fix the observer with
 * {@link Builder#observer} or use a {@link MetricTemplate}.
 *
 * <p>Readings, as Flagger's Prometheus provider gives them: an empty result or NaN is
 * {@link MetricValue.NoValues} (the check fails with "no values found"); more than one series, an unreachable or
 * failing Prometheus (in either partial-response mode), a malformed query, a missing template or a template variable
 * without value is {@link MetricValue.Error}. Both count as a failed check in the state machine. This class never
 * throws from {@link #query}.
 *
 * <p>Thread-safe and immutable; the querier stays the host's to close.
 */
public final class PrometheusMetrics implements MetricProvider {

  private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);

  private final FleetQuerier querier;
  private final Clock clock;
  private final MetricsProvider observer;
  private final Map<String, MetricTemplate> templates;
  private final Map<String, Map<String, String>> variables;

  private PrometheusMetrics(Builder b) {
    this.querier = b.querier;
    this.clock = b.clock;
    this.observer = b.observer;
    this.templates = Map.copyOf(b.templates);
    this.variables = Map.copyOf(b.variables);
  }

  /** A provider over {@code querier} with the defaults of {@link #builder(FleetQuerier)}. */
  public static PrometheusMetrics of(FleetQuerier querier) {
    return builder(querier).build();
  }

  /**
   * A builder over {@code querier}. Defaults: the system UTC clock (queries are evaluated at its instant), observer
   * chosen per canary from {@code spec.provider}, no templates.
   */
  public static Builder builder(FleetQuerier querier) {
    return new Builder(Objects.requireNonNull(querier, "querier"));
  }

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public MetricValue query(MetricQuery q) {
    MetricCheck m = q.metric();
    try {
      return switch (m.name()) {
        case MetricCheck.REQUEST_SUCCESS_RATE -> builtin(q, observerFor(q.canary())::successRateQuery, 1.0);
        case MetricCheck.REQUEST_DURATION -> {
          MetricsProvider o = observerFor(q.canary());
          yield truncateToMillis(builtin(q, o::durationQuery, o.toMillis()));
        }
        default -> custom(q);
      };
    } catch (RuntimeException e) {
      log.warn("metric {} of canary {}.{} on cluster {}: query failed: {}", m.name(), q.canary().name(),
          q.canary().namespace(), q.cluster(), e.toString());
      return new MetricValue.Error("Prometheus query failed: " + e.getMessage());
    }
  }

  /** The observer whose built-in queries apply to {@code canary}. */
  public MetricsProvider observerFor(CanarySpec canary) {
    if (observer != null) {
      return observer;
    }
    return "kubernetes".equals(canary.provider()) ? MetricsProvider.PROMETHEUS : MetricsProvider.ISTIO;
  }

  /** The registered templates by {@code namespace/name}. */
  public Map<String, MetricTemplate> templates() {
    return templates;
  }

  private interface BuiltinQuery {
    String render(String namespace, String target, String interval);
  }

  private MetricValue builtin(MetricQuery q, BuiltinQuery query, double factor) {
    CanarySpec c = q.canary();
    String promql = query.render(c.namespace(), c.targetRef().name(), promDuration(q.metric().interval()));
    MetricValue v = run(q.cluster(), promql);
    return v instanceof MetricValue.Value value ? new MetricValue.Value(value.value() * factor) : v;
  }

  private static MetricValue truncateToMillis(MetricValue v) {
    if (v instanceof MetricValue.Value value && Double.isFinite(value.value())) {
      return new MetricValue.Value((long) value.value());
    }
    return v;
  }

  private MetricValue custom(MetricQuery q) {
    MetricCheck m = q.metric();
    CanarySpec c = q.canary();
    if (m.templateRef().isPresent()) {
      String ref = m.templateRef().get();
      String key = ref.contains("/") ? ref : c.namespace() + "/" + ref;
      MetricTemplate t = templates.get(key);
      if (t == null) {
        return new MetricValue.Error("MetricTemplate " + key + " not found");
      }
      if (!t.isPrometheus()) {
        return new MetricValue.Error("MetricTemplate " + key + " uses provider " + t.providerType()
            + ", which this provider does not answer");
      }
      String promql;
      try {
        promql = t.render(templateValues(c, m));
      } catch (IllegalArgumentException e) {
        return new MetricValue.Error(e.getMessage());
      }
      return run(q.cluster(), promql);
    }
    if (m.query().isPresent()) {
      return run(q.cluster(), m.query().get());
    }
    return new MetricValue.Error("metric " + m.name() + " has neither a templateRef nor a query");
  }

  /** Flagger's template variables for {@code canary} and {@code check}. */
  private Map<String, String> templateValues(CanarySpec canary, MetricCheck check) {
    Map<String, String> v = new HashMap<>();
    v.put("name", canary.name());
    v.put("namespace", canary.namespace());
    v.put("target", canary.targetRef().name());
    v.put("service", canary.serviceName());
    v.put("ingress", "");
    v.put("route", "");
    v.put("interval", promDuration(check.interval()));
    variables.getOrDefault(check.name(), Map.of()).forEach((k, value) -> v.put("variables." + k, value));
    return v;
  }

  /** Runs {@code promql} on {@code cluster} and reads one number from it. */
  private MetricValue run(String cluster, String promql) {
    if (querier.clusters().stream().map(ClusterEndpoints::cluster).noneMatch(cluster::equals)) {
      return new MetricValue.Error("no Prometheus endpoint for cluster " + cluster);
    }
    QueryResult r = querier.query(promql, clock.instant(), ClusterSelector.names(cluster));
    List<EndpointOutcome> mine = r.outcomes().stream().filter(o -> o.cluster().equals(cluster)).toList();
    boolean answered = mine.stream().anyMatch(o -> o.status() == EndpointOutcome.Status.SUCCESS);
    if (!answered) {
      String why = mine.stream().map(EndpointOutcome::describe).collect(Collectors.joining("; "));
      return new MetricValue.Error("Prometheus query failed: " + (why.isEmpty() ? "no endpoint answered" : why));
    }
    if (!r.warnings().isEmpty()) {
      log.debug("query on cluster {} answered with warnings {}", cluster, r.warnings());
    }
    if (r.data() instanceof QueryData.Scalar s) {
      return MetricValue.of(s.point().value());
    }
    if (!(r.data() instanceof QueryData.Vector)) {
      return new MetricValue.Error("Prometheus query returned a " + r.data().resultType().wireName()
          + ", expected a single value");
    }
    List<Sample> samples = r.vector();
    if (samples.isEmpty()) {
      return MetricValue.noValues();
    }
    if (samples.size() > 1) {
      return new MetricValue.Error("Prometheus query returned " + samples.size()
          + " series, expected a single value");
    }
    return MetricValue.of(samples.get(0).value());
  }

  /** {@code d} in PromQL notation with the largest exact unit ({@code 1m}, {@code 90s}, {@code 1500ms}). */
  static String promDuration(Duration d) {
    long ms = d.toMillis();
    long[] units = {3_600_000L, 60_000L, 1000L};
    String[] names = {"h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return ms / units[i] + names[i];
      }
    }
    return ms + "ms";
  }

  /** Configures {@link PrometheusMetrics}; {@link #build()} checks everything at once. */
  public static final class Builder {
    private final FleetQuerier querier;
    private Clock clock = Clock.systemUTC();
    private MetricsProvider observer;
    private final Map<String, MetricTemplate> templates = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> variables = new LinkedHashMap<>();
    private final List<String> duplicates = new java.util.ArrayList<>();

    private Builder(FleetQuerier querier) {
      this.querier = querier;
    }

    /** The clock whose instant every query is evaluated at; default the system UTC clock. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The built-in queries for every canary, whatever its {@code spec.provider}; default per canary. */
    public Builder observer(MetricsProvider value) {
      this.observer = Objects.requireNonNull(value, "observer");
      return this;
    }

    /** Registers a {@code MetricTemplate}; a second one with the same {@code namespace/name} is an error. */
    public Builder template(MetricTemplate value) {
      Objects.requireNonNull(value, "template");
      if (templates.putIfAbsent(value.key(), value) != null) {
        duplicates.add(value.key());
      }
      return this;
    }

    /**
     * The {@code templateVariables} of the metric check named {@code metric}, rendered as
     * {@code {{ variables.<key> }}}.
     */
    public Builder templateVariables(String metric, Map<String, String> values) {
      Objects.requireNonNull(metric, "metric");
      variables.put(metric, Map.copyOf(values));
      return this;
    }

    /**
     * The provider.
     *
     * @throws ValidationException listing every problem: duplicate templates, blank template queries or names
     */
    public PrometheusMetrics build() {
      Problems p = new Problems();
      templates.values().forEach(t -> {
        String path = "templates[" + t.key() + "]";
        p.check(t.name().isBlank(), path + ".name", t.name(), "must not be blank");
        p.check(t.namespace().isBlank(), path + ".namespace", t.namespace(), "must not be blank");
        p.check(t.query().isBlank(), path + ".query", t.query(), "must not be blank");
      });
      duplicates.forEach(k -> p.add("templates[" + k + "]", k, "must be registered once"));
      p.throwIfAny();
      return new PrometheusMetrics(this);
    }
  }

  @Override
  public String toString() {
    return "PrometheusMetrics{clusters=" + querier.clusters().size() + ", templates=" + templates.keySet() + "}";
  }
}
