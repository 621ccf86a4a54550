package dev.kurator.core.propagation;

import dev.kurator.core.ClusterSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Members backed by fabric8 mock API servers in CRUD mode, one per cluster. */
public final class MockMembers implements PropagationTarget, AutoCloseable {

  private final Map<String, KubernetesMockServer> servers = new LinkedHashMap<>();
  private final Map<String, KubernetesClient> clients = new LinkedHashMap<>();
  private final Map<String, ClusterSnapshot> snapshots = new LinkedHashMap<>();

  public MockMembers add(String name, Map<String, String> labels) {
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    servers.put(name, server);
    clients.put(name, server.createClient());
    snapshots.put(name, ClusterSnapshot.builder(name).labels(labels).build());
    return this;
  }

  public MockMembers notReady(String name) {
    snapshots.put(name, snapshots.get(name).toBuilder().ready(false).build());
    return this;
  }

  public MockMembers remove(String name) {
    snapshots.remove(name);
    return this;
  }

  @Override
  public List<ClusterSnapshot> clusters() {
    return new ArrayList<>(snapshots.values());
  }

  @Override
  public KubernetesClient client(String cluster) {
    return clients.get(cluster);
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    servers.values().forEach(KubernetesMockServer::destroy);
  }
}
