package dev.kurator.rollout.internal;

import dev.kurator.core.KuratorException;
import dev.kurator.rollout.CanarySpec;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.Map;

/** Workload operations on one cluster for one canary: primary creation, scaling, promotion, revert. */
public final class Workloads {

  /** Annotation on the primary remembering the target's replica count. */
  public static final String TARGET_REPLICAS = "rollout.kurator.dev/target-replicas";

  private final KubernetesClient client;
  private final CanarySpec spec;

  public Workloads(KubernetesClient client, CanarySpec spec) {
    this.client = client;
    this.spec = spec;
  }

  /** The target Deployment, or null. */
  public Deployment target() {
    return deployment(spec.targetRef().name()).get();
  }

  /** The primary Deployment, or null. */
  public Deployment primary() {
    return deployment(spec.targetRef().primaryName()).get();
  }

  /** Creates (or updates) {@code <name>-primary} from the target and the primary/canary services. */
  public void initializePrimary() {
    Deployment target = requireTarget();
    Deployment existing = primary();
    if (existing == null) {
      int replicas = target.getSpec().getReplicas() == null ? 1 : target.getSpec().getReplicas();
      String app = spec.targetRef().primaryName();
      Deployment primary = new DeploymentBuilder().withNewMetadata().withName(app).withNamespace(spec.namespace())
          .addToLabels("app", app).addToAnnotations(TARGET_REPLICAS, Integer.toString(Math.max(1, replicas)))
          .endMetadata().withNewSpec().withReplicas(Math.max(1, replicas)).withNewSelector()
          .addToMatchLabels("app", app).endSelector().withTemplate(relabel(target.getSpec().getTemplate(), app))
          .endSpec().build();
      client.apps().deployments().inNamespace(spec.namespace()).resource(primary).create();
    }
    service(spec.serviceName() + "-primary", spec.targetRef().primaryName());
    service(spec.serviceName() + "-canary", spec.targetRef().name());
    service(spec.serviceName(), spec.targetRef().primaryName());
  }

  /** Scales the target to {@code replicas}. */
  public void scaleTarget(int replicas) {
    deployment(spec.targetRef().name()).edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas).endSpec()
        .build());
  }

  /** Scales the primary to {@code replicas}. */
  public void scalePrimary(int replicas) {
    deployment(spec.targetRef().primaryName()).edit(d -> new DeploymentBuilder(d).editSpec().withReplicas(replicas)
        .endSpec().build());
  }

  /** The replica count the canary gets when scaled up: what the target had before it was scaled to zero. */
  public int canaryReplicas() {
    Deployment p = primary();
    if (p == null) {
      return 1;
    }
    String saved = p.getMetadata().getAnnotations() == null ? null
        : p.getMetadata().getAnnotations().get(TARGET_REPLICAS);
    if (saved != null) {
      return Integer.parseInt(saved);
    }
    return p.getSpec().getReplicas() == null ? 1 : p.getSpec().getReplicas();
  }

  /** Copies the target's pod template to the primary (Flagger's {@code Promote}); returns the replaced template. */
  public PodTemplateSpec promote() {
    Deployment target = requireTarget();
    PodTemplateSpec[] previous = new PodTemplateSpec[1];
    deployment(spec.targetRef().primaryName()).edit(d -> {
      previous[0] = d.getSpec().getTemplate();
      return new DeploymentBuilder(d).editSpec()
          .withTemplate(relabel(target.getSpec().getTemplate(), spec.targetRef().primaryName())).endSpec().build();
    });
    return previous[0];
  }

  /** Puts {@code template} back on the primary (rolling a promoted revision back). */
  public void restorePrimary(PodTemplateSpec template) {
    deployment(spec.targetRef().primaryName()).edit(d -> new DeploymentBuilder(d).editSpec().withTemplate(template)
        .endSpec().build());
  }

  /** Restores the target as the serving workload and deletes the primary. */
  public void revertTarget() {
    scaleTarget(canaryReplicas());
    service(spec.serviceName(), spec.targetRef().name());
    deployment(spec.targetRef().primaryName()).delete();
  }

  private Deployment requireTarget() {
    Deployment target = target();
    if (target == null) {
      throw new KuratorException("target Deployment " + spec.namespace() + "/" + spec.targetRef().name()
          + " of canary " + spec.name() + " not found");
    }
    return target;
  }

  private RollableScalableResource<Deployment> deployment(String name) {
    return client.apps().deployments().inNamespace(spec.namespace()).withName(name);
  }

  private void service(String name, String app) {
    int port = spec.servicePort() == 0 ? 80 : spec.servicePort();
    Service svc = new ServiceBuilder().withNewMetadata().withName(name).withNamespace(spec.namespace()).endMetadata()
        .withNewSpec().withSelector(Map.of("app", app)).addNewPort().withName("http").withPort(port)
        .withTargetPort(new IntOrString(port)).endPort().endSpec().build();
    client.services().inNamespace(spec.namespace()).resource(svc).createOr(op -> op.update());
  }

  private PodTemplateSpec relabel(PodTemplateSpec template, String app) {
    return new PodTemplateSpecBuilder(template).editOrNewMetadata().addToLabels("app", app)
        .addToLabels(ReplicaRouter.APEX_LABEL, spec.targetRef().name()).endMetadata().build();
  }
}
