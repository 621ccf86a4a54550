package dev.kurator.policy;

import dev.kurator.core.Problems;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kinds a fleet audit scans, e.g. {@code Kinds.of("Deployment", "Pod")}.
 *
 * @param names kind names, in scan order
 */
public record Kinds(List<String> names) {
  private static final Map<String, Class<? extends HasMetadata>> TYPES = new LinkedHashMap<>();

  static {
    TYPES.put("Pod", Pod.class);
    TYPES.put("Deployment", Deployment.class);
    TYPES.put("StatefulSet", StatefulSet.class);
    TYPES.put("DaemonSet", DaemonSet.class);
    TYPES.put("ReplicaSet", ReplicaSet.class);
    TYPES.put("ReplicationController", ReplicationController.class);
    TYPES.put("Job", Job.class);
    TYPES.put("CronJob", CronJob.class);
    TYPES.put("Service", Service.class);
    TYPES.put("ConfigMap", ConfigMap.class);
    TYPES.put("Secret", Secret.class);
    TYPES.put("ServiceAccount", ServiceAccount.class);
    TYPES.put("PersistentVolumeClaim", PersistentVolumeClaim.class);
    TYPES.put("Namespace", Namespace.class);
    TYPES.put("Ingress", Ingress.class);
    TYPES.put("NetworkPolicy", NetworkPolicy.class);
    TYPES.put("PodDisruptionBudget", PodDisruptionBudget.class);
    TYPES.put("Role", Role.class);
    TYPES.put("RoleBinding", RoleBinding.class);
    TYPES.put("ClusterRole", ClusterRole.class);
    TYPES.put("ClusterRoleBinding", ClusterRoleBinding.class);
  }

  /**
   * Validates and copies the names.
   *
   * @throws dev.kurator.core.ValidationException naming every unsupported kind
   */
  public Kinds {
    names = List.copyOf(names);
    Problems problems = new Problems();
    if (names.isEmpty()) {
      problems.add("kinds", names, "must name at least one kind");
    }
    for (int i = 0; i < names.size(); i++) {
      if (!TYPES.containsKey(names.get(i))) {
        problems.add("kinds[" + i + "]", names.get(i), "must be one of " + TYPES.keySet());
      }
    }
    problems.throwIfAny();
  }

  /**
   * The given kinds.
   *
   * @throws dev.kurator.core.ValidationException naming every unsupported kind
   */
  public static Kinds of(String... names) {
    return new Kinds(List.of(names));
  }

  /** Pods and every Pod controller. */
  public static Kinds workloads() {
    return of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob");
  }

  Class<? extends HasMetadata> type(String kind) {
    return TYPES.get(kind);
  }
}
