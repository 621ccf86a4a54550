package dev.kurator.testing;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One in-process cluster of an {@link EmbeddedFleet}: a fabric8 {@link KubernetesMockServer} in CRUD mode (objects
 * are stored and served like a real API server, but no controllers run) with fault injection.
 *
 * <p>It answers API discovery ({@code /api}, {@code /apis} and each group-version's resource list) for the
 * built-in kinds (core, apps, batch, autoscaling, policy, networking, RBAC, coordination, apiextensions) and the
 * custom kinds registered with {@link #expectCustomResource}.
 *
 * <p>Faults: {@link #makeUnreachable()} stops the server (connections are refused) until {@link #heal()};
 * {@link #slowDown(Duration)} delays every reply; {@link #failNext(String, int, int)} answers the next requests
 * with an HTTP error (e.g. a 409 conflict on the next PUT).
 */
public final class EmbeddedCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedCluster.class);

  /**
   * The mock server logs every request at INFO through java.util.logging; embedded fleets keep it to warnings so
   * that test and demo output stays readable. Held here so the setting is not garbage-collected.
   */
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver.MockWebServer");

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
    l.setLevel(java.util.logging.Level.WARNING);
    return l;
  }

  private final String name;
  private final Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
  private final FaultDispatcher dispatcher;
  private final int port;
  private final KubernetesClient client;
  private KubernetesMockServer server;
  private boolean running;
  /** Run by {@link #heal()}: the embedded fleet resets this member's circuit breaker there. */
  private volatile Runnable onHeal = () -> { };

  private final io.fabric8.kubernetes.client.http.HttpClient.Factory httpClients;

  /** A cluster whose clients come from {@code httpClients} (an embedded fleet shares one event loop among them). */
  EmbeddedCluster(String name, io.fabric8.kubernetes.client.http.HttpClient.Factory httpClients) {
    this.name = Objects.requireNonNull(name, "name");
    this.httpClients = Objects.requireNonNull(httpClients, "httpClients");
    this.dispatcher = new FaultDispatcher(new DiscoveryDispatcher(new KubernetesMixedDispatcher(expectations)));
    this.server = newServer();
    this.server.init(loopback(), 0);
    this.port = server.getPort();
    this.running = true;
    this.client = newClient();
    // The first request of a new client pays for connection and class set-up; pay it now, not in the test.
    this.client.getKubernetesVersion();
  }

  private KubernetesMockServer newServer() {
    return new KubernetesMockServer(new Context(), new MockWebServer(), expectations, dispatcher, false);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (UnknownHostException e) {
      throw new IllegalStateException("no loopback address", e);
    }
  }

  /** A new client of this cluster (the caller closes it); fabric8's own retries are off, the fleet retries. */
  public KubernetesClient newClient() {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl("http://127.0.0.1:" + port + "/")
        .withNamespace("default")
        .withTrustCerts(true)
        .withHttp2Disable(true)
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(2_000)
        .withRequestTimeout(30_000)
        .build();
    return new KubernetesClientBuilder().withHttpClientFactory(httpClients).withConfig(config).build();
  }

  /** The member name. */
  public String name() {
    return name;
  }

  /** The client the fleet member uses (owned by this cluster). */
  public KubernetesClient client() {
    return client;
  }

  /** The mock server, e.g. for {@code expect()} expectations of its own. */
  public synchronized KubernetesMockServer server() {
    return server;
  }

  /** The API server URL. */
  public String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** Requests this cluster has answered (or failed on purpose) since it started. */
  public int requestCount() {
    return dispatcher.requestCount();
  }

  /**
   * Makes this cluster serve a custom resource kind (CRUD and API discovery), as if its CRD were installed here
   * only. A reset forgets it.
   */
  public EmbeddedCluster expectCustomResource(
      io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext kind) {
    server().expectCustomResource(Objects.requireNonNull(kind, "kind"));
    return this;
  }

  /** Whether the server is accepting connections. */
  public synchronized boolean isReachable() {
    return running;
  }

  /** Stops the server: connections are refused until {@link #heal()}. Stored objects are kept. */
  public synchronized EmbeddedCluster makeUnreachable() {
    if (running) {
      server.destroy();
      running = false;
      log.debug("embedded cluster {} is now unreachable", name);
    }
    return this;
  }

  /** Delays every reply by {@code delay} until {@link #heal()}. */
  public EmbeddedCluster slowDown(Duration delay) {
    dispatcher.delay(Objects.requireNonNull(delay, "delay"));
    return this;
  }

  /**
   * Answers the next {@code times} requests with HTTP method {@code method} (null: any) with {@code status},
   * e.g. {@code failNext("PUT", 409, 1)} for one update conflict.
   */
  public EmbeddedCluster failNext(String method, int status, int times) {
    dispatcher.failNext(method, status, times);
    return this;
  }

  /**
   * Removes every fault: restarts a stopped server on the same port with its objects, clears delays and errors, and
   * closes the member's circuit breaker in its embedded fleet, so that a breaker opened by one test's faults does not
   * hold back the next test.
   */
  public synchronized EmbeddedCluster heal() {
    dispatcher.heal();
    if (!running) {
      server = newServer();
      server.init(loopback(), port);
      running = true;
      log.debug("embedded cluster {} is reachable again", name);
    }
    onHeal.run();
    return this;
  }

  void onHeal(Runnable action) {
    this.onHeal = action;
  }

  /** Heals every fault and deletes every stored object, as if the cluster had just started. */
  public synchronized EmbeddedCluster reset() {
    heal();
    server.reset();
    return this;
  }

  @Override
  public synchronized void close() {
    client.close();
    if (running) {
      server.destroy();
      running = false;
    }
    dispatcher.close();
  }

  @Override
  public String toString() {
    return "EmbeddedCluster{" + name + " at " + url() + (running ? "" : ", unreachable") + "}";
  }
}
