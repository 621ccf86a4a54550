package dev.kurator.core.summary;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Nodes and pods for summary tests. */
public final class Fixtures {

  private Fixtures() {}

  public static Node node(String name, String cpu, String memory, int pods, Map<String, String> extra) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
        .addToAllocatable("cpu", new Quantity(cpu)).addToAllocatable("memory", new Quantity(memory))
        .addToAllocatable("pods", new Quantity(Integer.toString(pods)))
        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
    extra.forEach((k, v) -> b.editStatus().addToAllocatable(k, new Quantity(v)).endStatus());
    return b.build();
  }

  public static PodSpec spec(String cpu, String memory) {
    return new PodSpecBuilder().addNewContainer().withName("c").withImage("x").withNewResources()
        .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory)).endResources()
        .endContainer().build();
  }

  public static Pod pod(String name, String node, String phase, PodSpec spec) {
    PodSpec s = new PodSpecBuilder(spec).withNodeName(node).build();
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata().withSpec(s)
        .withNewStatus().withPhase(phase).endStatus().build();
  }
}
