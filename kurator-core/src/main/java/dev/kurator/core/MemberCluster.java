package dev.kurator.core;

import dev.kurator.core.internal.Names;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One cluster of a fleet: a DNS-1123 name unique in the fleet, labels (region, zone, provider, environment, any
 * others), taints (read by placement) and the fabric8 client that reaches it.
 *
 * <p>Members are immutable; {@link #withLabels(Map)} and {@link #toBuilder()} make changed copies that share the
 * client. The host owns the clients it passes in; a member built by {@link MemberClusters} from a kubeconfig owns
 * its client and {@link #close()} closes it. {@link #toString()} shows the name, labels, taints and API server
 * address, never credentials.
 */
public final class MemberCluster implements AutoCloseable {

  private final String name;
  private final Map<String, String> labels;
  private final List<Taint> taints;
  private final KubernetesClient client;
  private final boolean ownsClient;

  private MemberCluster(Builder b) {
    this.name = b.name;
    this.labels = Map.copyOf(b.labels);
    this.taints = List.copyOf(b.taints);
    this.client = b.client;
    this.ownsClient = b.ownsClient;
  }

  /** Starts a member named {@code name}; the name is checked at {@link Builder#build()}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The member name, a DNS-1123 label. */
  public String name() {
    return name;
  }

  /** The member's labels (never null). */
  public Map<String, String> labels() {
    return labels;
  }

  /** The member's taints, in the order given. */
  public List<Taint> taints() {
    return taints;
  }

  /** The client that reaches this cluster. */
  public KubernetesClient client() {
    return client;
  }

  /** Whether this member created its client (and so closes it on {@link #close()}). */
  public boolean ownsClient() {
    return ownsClient;
  }

  /** A copy with {@code labels} replacing the current labels. @throws ValidationException on invalid labels */
  public MemberCluster withLabels(Map<String, String> labels) {
    return toBuilder().labels(labels).build();
  }

  /** A builder holding this member's values. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.labels = new LinkedHashMap<>(labels);
    b.taints = new ArrayList<>(taints);
    b.client = client;
    b.ownsClient = ownsClient;
    return b;
  }

  /** The API server address without any user information, for messages. */
  public String serverAddress() {
    try {
      URI uri = URI.create(client.getMasterUrl().toString());
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (RuntimeException | java.net.URISyntaxException e) {
      return "<unknown>";
    }
  }

  /** A read-only view for pure engines (no I/O): name, labels and taints; region, provider, zone from labels. */
  public ClusterSnapshot.Builder snapshotBuilder() {
    return ClusterSnapshot.builder(name).labels(labels).taints(taints);
  }

  /** Closes the client if this member created it; a host-supplied client is left open. */
  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MemberCluster m && m.name.equals(name) && m.labels.equals(labels) && m.taints.equals(taints)
        && m.client == client;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, labels, taints, System.identityHashCode(client));
  }

  @Override
  public String toString() {
    return "MemberCluster{name=" + name + ", labels=" + labels + ", taints=" + taints + ", server=" + serverAddress()
        + "}";
  }

  /** Builds a {@link MemberCluster}; {@link #build()} reports every invalid field at once. */
  public static final class Builder {
    private final String name;
    private Map<String, String> labels = new LinkedHashMap<>();
    private List<Taint> taints = new ArrayList<>();
    private KubernetesClient client;
    private boolean ownsClient;

    private Builder(String name) {
      this.name = name;
    }

    /** The client that reaches the cluster (required); the host keeps ownership of it. */
    public Builder client(KubernetesClient client) {
      this.client = client;
      this.ownsClient = false;
      return this;
    }

    /** A client this member owns and closes in {@link MemberCluster#close()}. */
    public Builder ownedClient(KubernetesClient client) {
      this.client = client;
      this.ownsClient = true;
      return this;
    }

    /** Replaces all labels. */
    public Builder labels(Map<String, String> labels) {
      this.labels = labels == null ? null : new LinkedHashMap<>(labels);
      return this;
    }

    /** Adds or replaces one label. */
    public Builder label(String key, String value) {
      if (labels != null) {
        labels.put(key, value);
      }
      return this;
    }

    /** Replaces all taints. */
    public Builder taints(List<Taint> taints) {
      this.taints = taints == null ? null : new ArrayList<>(taints);
      return this;
    }

    /** Adds one taint. */
    public Builder taint(String key, String value, TaintEffect effect) {
      return taint(new Taint(key, value, effect));
    }

    /** Adds one taint. */
    public Builder taint(Taint taint) {
      if (taints != null) {
        taints.add(taint);
      }
      return this;
    }

    /**
     * Builds the member.
     *
     * @throws ValidationException naming each invalid field: a name that is not a DNS-1123 label, invalid label
     *                             keys or values, null taints, a missing client
     */
    public MemberCluster build() {
      Problems problems = new Problems();
      String at = name == null || name.isEmpty() ? "member" : "member[" + name + "]";
      Names.checkDns1123Label(problems, at + ".name", name);
      if (labels == null) {
        problems.add(at + ".labels", null, "must not be null");
      } else {
        labels.forEach((k, v) -> problems.check(k == null || v == null, at + ".labels[" + k + "]", v,
            "must not be null"));
        Map<String, String> nonNull = new LinkedHashMap<>();
        labels.forEach((k, v) -> {
          if (k != null && v != null) {
            nonNull.put(k, v);
          }
        });
        Names.checkLabels(problems, at + ".labels", nonNull);
      }
      if (taints == null) {
        problems.add(at + ".taints", null, "must not be null");
      } else {
        for (int i = 0; i < taints.size(); i++) {
          problems.check(taints.get(i) == null, at + ".taints[" + i + "]", null, "must not be null");
        }
      }
      problems.check(client == null, at + ".client", null, "must be set");
      problems.throwIfAny();
      return new MemberCluster(this);
    }
  }
}
