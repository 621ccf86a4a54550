package dev.kurator.core.sameness;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Fleet;
import dev.kurator.core.FleetRegistry;
import dev.kurator.core.Problems;
import dev.kurator.core.propagation.Drift;
import dev.kurator.core.propagation.Propagation;
import dev.kurator.core.propagation.PropagationDiff;
import dev.kurator.core.propagation.PropagationResult;
import dev.kurator.core.propagation.PropagationTarget;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Namespace sameness across a fleet (SIG-Multicluster): chosen namespaces, with their labels, and the ServiceAccounts,
 * ConfigMaps and Secrets in them exist identically on every member. {@link #check} reports which members diverge;
 * {@link #repair} makes them identical, including members that joined since the last repair.
 *
 * <p>Built on {@link Propagation} with every ready member selected, so the same ownership marks, conflict handling
 * and "unchanged means no write" rules apply. Objects dropped from the spec are reported but never deleted by
 * default (deleting a namespace deletes everything in it); opt in with {@link Builder#prune(boolean)}.
 * {@link #toString()} never shows Secret data.
 */
public final class Sameness {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Sameness.class);
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private final Propagation propagation;
  private final List<String> described;

  private Sameness(Propagation propagation, List<String> described) {
    this.propagation = propagation;
    this.described = described;
  }

  /** Starts a sameness spec; its name identifies the copies it owns (label {@code kurator.dev/propagation}). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Which members differ and how, without writing. Not-ready members are listed in {@code errors}. */
  public SamenessReport check(PropagationTarget target) {
    PropagationDiff diff = propagation.toBuilder().assignment(everyMember(target)).build().diff(target);
    Map<String, List<Drift>> divergent = new LinkedHashMap<>();
    diff.drift().forEach((cluster, drift) -> {
      if (!drift.isEmpty()) {
        divergent.put(cluster, drift);
      }
    });
    return new SamenessReport(divergent, diff.errors());
  }

  /** Makes every ready member identical; per-member outcomes, one failing member never blocks the rest. */
  public PropagationResult repair(PropagationTarget target) {
    return propagation.toBuilder().assignment(everyMember(target)).build().sync(target);
  }

  /** {@link #check(PropagationTarget)} on a fleet's current members. */
  public SamenessReport check(Fleet fleet) {
    return check(PropagationTarget.of(fleet));
  }

  /** {@link #repair(PropagationTarget)} on a fleet's current members. */
  public PropagationResult repair(Fleet fleet) {
    return repair(PropagationTarget.of(fleet));
  }

  /** This spec bound to a fleet, as returned by {@code fleet.sameness(spec)}. */
  public Bound on(Fleet fleet) {
    return new Bound(this, Objects.requireNonNull(fleet, "fleet"));
  }

  /**
   * A sameness spec bound to one fleet snapshot.
   *
   * @param spec  the spec
   * @param fleet the fleet whose current members are checked and repaired
   */
  public record Bound(Sameness spec, Fleet fleet) {
    public Bound {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(fleet, "fleet");
    }

    /** Which members diverge, without writing. */
    public SamenessReport check() {
      return spec.check(fleet);
    }

    /** Makes every ready member identical. */
    public PropagationResult repair() {
      return spec.repair(fleet);
    }
  }

  /**
   * Repairs the registry's current fleet now, then again after every membership change in which a member joined, so
   * new members catch up (on the thread that made the change). Closing the returned handle stops following.
   */
  public AutoCloseable follow(FleetRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    report(repair(registry.current()));
    return registry.addListener(change -> {
      if (!change.joined().isEmpty()) {
        report(repair(change.current()));
      }
    });
  }

  private void report(PropagationResult r) {
    r.failures().forEach((cluster, s) -> log.warn("Sameness {}: cluster {} is not identical: {} {}",
        propagation.name(), cluster, s.status(), s.error()));
  }

  private static Assignment everyMember(PropagationTarget target) {
    return Assignment.of(target.clusters().stream().map(ClusterSnapshot::name).toArray(String[]::new));
  }

  /** The objects kept identical, as {@code Kind namespace/name}. */
  public List<String> objects() {
    return described;
  }

  @Override
  public String toString() {
    return "Sameness[" + propagation.name() + ", " + described + "]";
  }

  /** Collects the namespaces and objects to keep identical; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private final List<HasMetadata> objects = new ArrayList<>();
    private final Problems problems = new Problems();
    private boolean prune;
    private dev.kurator.core.propagation.ConflictResolution conflicts =
        dev.kurator.core.propagation.ConflictResolution.ABORT;

    private Builder(String name) {
      this.name = name;
    }

    /** A namespace with exactly these labels on every member. */
    public Builder namespace(String name, Map<String, String> labels) {
      check("namespaces", name, "name");
      objects.add(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(Map.copyOf(labels)).endMetadata()
          .build());
      return this;
    }

    /** A ServiceAccount of this name in {@code namespace} on every member. */
    public Builder serviceAccount(String namespace, String name) {
      check("serviceAccounts", namespace, "namespace");
      check("serviceAccounts", name, "name");
      objects.add(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
          .build());
      return this;
    }

    /** A ServiceAccount, as given, on every member. */
    public Builder serviceAccount(ServiceAccount account) {
      objects.add(Objects.requireNonNull(account, "account"));
      return this;
    }

    /** A ConfigMap, as given, on every member. */
    public Builder configMap(ConfigMap configMap) {
      objects.add(Objects.requireNonNull(configMap, "configMap"));
      return this;
    }

    /** A Secret, as given, on every member; {@code stringData} is folded into {@code data} first. */
    public Builder secret(Secret secret) {
      Objects.requireNonNull(secret, "secret");
      Map<String, String> data = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
      if (secret.getStringData() != null) {
        secret.getStringData().forEach((k, v) -> data.put(k,
            Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
      }
      objects.add(new SecretBuilder(secret).withStringData(null).withData(data).build());
      return this;
    }

    /** Whether objects dropped from the spec are deleted from members (default false: reported only). */
    public Builder prune(boolean prune) {
      this.prune = prune;
      return this;
    }

    /**
     * What to do when a member already has one of the objects and it was not created by this spec (default ABORT:
     * report it as diverging and leave it; OVERWRITE adopts it, replacing its labels and content).
     */
    public Builder conflictResolution(dev.kurator.core.propagation.ConflictResolution conflicts) {
      this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
      return this;
    }

    /**
     * The spec.
     *
     * @throws dev.kurator.core.ValidationException listing every problem by field path
     */
    public Sameness build() {
      Problems all = new Problems();
      problems.list().forEach(p -> all.add(p.path(), p.value(), p.rule()));
      List<String> namespaces = objects.stream().filter(o -> o instanceof Namespace)
          .map(o -> o.getMetadata().getName()).toList();
      for (int i = 0; i < objects.size(); i++) {
        HasMetadata o = objects.get(i);
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        if (!(o instanceof Namespace) && ns != null && !namespaces.contains(ns)) {
          all.add("sameness.objects[" + i + "].metadata.namespace", ns,
              "must be one of the sameness namespaces " + namespaces);
        }
      }
      Propagation p;
      try {
        p = Propagation.builder(name).templates(objects).prune(prune).conflictResolution(conflicts).build();
      } catch (dev.kurator.core.ValidationException e) {
        e.problems().forEach(pr -> all.add(pr.path().replace("propagation.templates", "sameness.objects")
            .replace("propagation.name", "sameness.name"), pr.value(), pr.rule()));
        p = null;
      }
      all.throwIfAny();
      List<String> described = objects.stream().map(o -> o.getKind() + " " + (o.getMetadata().getNamespace() == null
          ? "" : o.getMetadata().getNamespace() + "/") + o.getMetadata().getName()).toList();
      return new Sameness(p, described);
    }

    private void check(String list, String value, String field) {
      problems.check(value == null || !DNS_LABEL.matcher(value).matches(),
          "sameness." + list + "[" + objects.size() + "]." + field, value, "must be a DNS-1123 label");
    }
  }
}
