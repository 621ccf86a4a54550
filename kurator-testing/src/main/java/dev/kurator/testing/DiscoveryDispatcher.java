package dev.kurator.testing;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers API discovery ({@code GET /api}, {@code /api/v1}, {@code /apis}, {@code /apis/<group>},
 * {@code /apis/<group>/<version>}) as a real API server would, for the built-in kinds and the custom kinds registered
 * with {@link #expectCustomResource(CustomResourceDefinitionContext)}; everything else goes to the CRUD dispatcher.
 */
final class DiscoveryDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

  /** A served resource: kind, plural and scope. */
  private record Served(String kind, String plural, boolean namespaced) {}

  /** Built-in group-versions (the core group as {@code v1}) and their kinds. */
  private static final Map<String, List<Served>> BUILT_IN = builtIn();

  private final Dispatcher delegate;
  /** Custom group-version to plural to resource, in registration order. */
  private final Map<String, Map<String, Served>> custom = new ConcurrentHashMap<>();

  DiscoveryDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  private static Map<String, List<Served>> builtIn() {
    Map<String, List<Served>> m = new LinkedHashMap<>();
    m.put("v1", List.of(ns("Pod", "pods"), ns("Service", "services"), ns("ConfigMap", "configmaps"),
        ns("Secret", "secrets"), ns("ServiceAccount", "serviceaccounts"), ns("Endpoints", "endpoints"),
        ns("Event", "events"), ns("PersistentVolumeClaim", "persistentvolumeclaims"),
        ns("ResourceQuota", "resourcequotas"), ns("LimitRange", "limitranges"),
        cluster("Namespace", "namespaces"), cluster("Node", "nodes"),
        cluster("PersistentVolume", "persistentvolumes")));
    m.put("apps/v1", List.of(ns("Deployment", "deployments"), ns("StatefulSet", "statefulsets"),
        ns("DaemonSet", "daemonsets"), ns("ReplicaSet", "replicasets"),
        ns("ControllerRevision", "controllerrevisions")));
    m.put("batch/v1", List.of(ns("Job", "jobs"), ns("CronJob", "cronjobs")));
    m.put("autoscaling/v2", List.of(ns("HorizontalPodAutoscaler", "horizontalpodautoscalers")));
    m.put("policy/v1", List.of(ns("PodDisruptionBudget", "poddisruptionbudgets")));
    m.put("networking.k8s.io/v1", List.of(ns("Ingress", "ingresses"), ns("NetworkPolicy", "networkpolicies"),
        cluster("IngressClass", "ingressclasses")));
    m.put("rbac.authorization.k8s.io/v1", List.of(ns("Role", "roles"), ns("RoleBinding", "rolebindings"),
        cluster("ClusterRole", "clusterroles"), cluster("ClusterRoleBinding", "clusterrolebindings")));
    m.put("coordination.k8s.io/v1", List.of(ns("Lease", "leases")));
    m.put("apiextensions.k8s.io/v1", List.of(cluster("CustomResourceDefinition", "customresourcedefinitions")));
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Served ns(String kind, String plural) {
    return new Served(kind, plural, true);
  }

  private static Served cluster(String kind, String plural) {
    return new Served(kind, plural, false);
  }

  /** Serves the kind in discovery and lets the CRUD store serve its objects. */
  @Override
  public void expectCustomResource(CustomResourceDefinitionContext context) {
    String gv = context.getGroup() == null || context.getGroup().isEmpty() ? context.getVersion()
        : context.getGroup() + "/" + context.getVersion();
    custom.computeIfAbsent(gv, k -> new ConcurrentHashMap<>()).put(context.getPlural(),
        new Served(context.getKind(), context.getPlural(), context.isNamespaceScoped()));
    if (delegate instanceof CustomResourceAware aware) {
      aware.expectCustomResource(context);
    }
  }

  /** Forgets the custom kinds and lets the CRUD store reset. */
  @Override
  public void reset() {
    custom.clear();
    if (delegate instanceof Resetable r) {
      r.reset();
    }
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if ("GET".equalsIgnoreCase(request.getMethod())) {
      Object body = discovery(pathOf(request));
      if (body != null) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
            .setBody(Serialization.asJson(body));
      }
    }
    return delegate.dispatch(request);
  }

  private static String pathOf(RecordedRequest request) {
    String path = request.getPath();
    int q = path.indexOf('?');
    path = q < 0 ? path : path.substring(0, q);
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The discovery document at {@code path}, or null when the path is not a discovery path. */
  private Object discovery(String path) {
    if (path.equals("/api")) {
      return new APIVersionsBuilder().withVersions("v1").build();
    }
    if (path.equals("/apis")) {
      APIGroupListBuilder list = new APIGroupListBuilder();
      groups().forEach((group, gvs) -> list.addToGroups(group(group, gvs)));
      return list.build();
    }
    if (path.startsWith("/apis/") && path.indexOf('/', 6) < 0) {
      String name = path.substring(6);
      List<String> gvs = groups().get(name);
      return gvs == null ? null : group(name, gvs);
    }
    String gv = path.equals("/api/v1") ? "v1"
        : path.startsWith("/apis/") && path.chars().filter(c -> c == '/').count() == 3 ? path.substring(6) : null;
    if (gv == null) {
      return null;
    }
    List<Served> resources = served().get(gv);
    if (resources == null) {
      return null;
    }
    List<APIResource> items = resources.stream().map(r -> new APIResourceBuilder().withName(r.plural())
        .withKind(r.kind()).withNamespaced(r.namespaced()).withSingularName("")
        .withVerbs("create", "delete", "get", "list", "patch", "update", "watch").build()).toList();
    return new APIResourceListBuilder().withGroupVersion(gv).withResources(items).build();
  }

  /** Named groups (the core group left out) to their group-versions. */
  private Map<String, List<String>> groups() {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    served().keySet().stream().filter(gv -> gv.contains("/")).forEach(gv -> groups
        .computeIfAbsent(gv.substring(0, gv.indexOf('/')), g -> new ArrayList<>()).add(gv));
    return groups;
  }

  private static APIGroup group(String name, List<String> groupVersions) {
    List<GroupVersionForDiscovery> versions = groupVersions.stream()
        .map(gv -> new GroupVersionForDiscovery(gv, gv.substring(gv.indexOf('/') + 1))).toList();
    return new APIGroupBuilder().withName(name).withVersions(versions).withPreferredVersion(versions.get(0)).build();
  }

  /** Built-in and custom group-versions and their resources. */
  private Map<String, List<Served>> served() {
    Map<String, List<Served>> all = new LinkedHashMap<>();
    BUILT_IN.forEach((gv, rs) -> all.put(gv, new ArrayList<>(rs)));
    custom.forEach((gv, rs) -> rs.values().forEach(r -> {
      List<Served> list = all.computeIfAbsent(gv, k -> new ArrayList<>());
      list.removeIf(s -> s.plural().equals(r.plural()));
      list.add(r);
    }));
    return all;
  }
}
