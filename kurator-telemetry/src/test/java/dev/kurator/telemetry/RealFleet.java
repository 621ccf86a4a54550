package dev.kurator.telemetry;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: the real-Prometheus fleet of {@link FleetTestData}, started once per test run (eu-1, eu-2, the
 * us-1 HA pair and the reference server holding everything) and stopped when the run ends. Skips (or, with
 * {@code CI} set, fails) when Prometheus is not installed.
 */
public final class RealFleet implements BeforeAllCallback {

  /** The running servers. */
  public static final class Servers implements AutoCloseable {
    private final List<LocalPrometheus> all = new ArrayList<>();
    private final Map<String, URI> uris = new HashMap<>();

    Servers() {
      List<CompletableFuture<LocalPrometheus>> starting = List.of(
          CompletableFuture.supplyAsync(() -> LocalPrometheus.start("eu-1", FleetTestData.cluster("eu-1", 0))),
          CompletableFuture.supplyAsync(() -> LocalPrometheus.start("eu-2", FleetTestData.cluster("eu-2", 0))),
          CompletableFuture.supplyAsync(() -> LocalPrometheus.start("us-1-r0", FleetTestData.cluster("us-1", 0),
              Map.of("replica", "r0"))),
          CompletableFuture.supplyAsync(() -> LocalPrometheus.start("us-1-r1", FleetTestData.cluster("us-1", 1),
              Map.of("replica", "r1"))),
          CompletableFuture.supplyAsync(() -> LocalPrometheus.start("reference", FleetTestData.reference())));
      RuntimeException failure = null;
      for (CompletableFuture<LocalPrometheus> f : starting) {
        try {
          LocalPrometheus p = f.join();
          all.add(p);
          uris.put(p.name(), p.uri());
        } catch (RuntimeException e) {
          failure = e;
        }
      }
      if (failure != null) {
        close();
        throw failure;
      }
    }

    /** Base URI of a server: eu-1, eu-2, us-1-r0, us-1-r1 or reference. */
    public URI uri(String name) {
      return uris.get(name);
    }

    /** A client of the reference server. */
    public PrometheusApi reference() {
      return PrometheusApi.http(uri("reference"), HttpClient.newHttpClient());
    }

    /** A querier builder over the three clusters (us-1 as an HA pair), with cluster labels region=eu|us. */
    public FleetQuerier.Builder querier() {
      return FleetQuerier.builder()
          .cluster("eu-1", Map.of("region", "eu"), uri("eu-1"))
          .cluster("eu-2", Map.of("region", "eu"), uri("eu-2"))
          .cluster("us-1", Map.of("region", "us"), uri("us-1-r0"), uri("us-1-r1"));
    }

    /** Whether every server is stopped. */
    public boolean allStopped() {
      return all.stream().noneMatch(LocalPrometheus::isRunning);
    }

    @Override
    public void close() {
      // SIGTERM takes a couple of seconds per server: stop them together.
      CompletableFuture.allOf(all.stream().map(s -> CompletableFuture.runAsync(s::close))
          .toArray(CompletableFuture[]::new)).join();
    }
  }

  private static Servers servers;

  @Override
  public void beforeAll(ExtensionContext context) {
    LocalPrometheus.assumeInstalled();
    servers = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Servers.class, k -> new Servers(), Servers.class);
  }

  /** The servers; call from tests of a class extended with this extension. */
  public static Servers servers() {
    return servers;
  }
}
