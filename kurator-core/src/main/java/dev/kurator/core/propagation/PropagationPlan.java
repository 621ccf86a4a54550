package dev.kurator.core.propagation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The desired variants of every template for every selected cluster, computed before anything is written.
 *
 * @param propagation the propagation's name
 * @param desired     cluster name to its variants, in write order (namespaces first)
 */
public record PropagationPlan(String propagation, Map<String, List<Variant>> desired) {

  public PropagationPlan {
    Objects.requireNonNull(propagation, "propagation");
    Map<String, List<Variant>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(desired, "desired").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    desired = Collections.unmodifiableMap(copy);
  }

  /** The variants for one cluster, empty when it is not selected. */
  public List<Variant> variants(String cluster) {
    return desired.getOrDefault(cluster, List.of());
  }

  /**
   * One object as it should be on one cluster.
   *
   * @param ref             the object
   * @param tree            the full desired object, ownership labels and hash included (the accessor returns a copy)
   * @param hash            hash of the variant, as stored in {@link Ownership#HASH_ANNOTATION}
   * @param appliedPolicies override policies applied, in order
   */
  public record Variant(ObjectRef ref, ObjectNode tree, String hash, List<String> appliedPolicies) {
    public Variant {
      Objects.requireNonNull(ref, "ref");
      tree = Objects.requireNonNull(tree, "tree").deepCopy();
      Objects.requireNonNull(hash, "hash");
      appliedPolicies = List.copyOf(Objects.requireNonNull(appliedPolicies, "appliedPolicies"));
    }

    @Override
    public ObjectNode tree() {
      return tree.deepCopy();
    }

    /** Identity and hash only: the tree may hold Secret data. */
    @Override
    public String toString() {
      return "Variant[" + ref + ", hash=" + hash + ", policies=" + appliedPolicies + "]";
    }
  }
}
