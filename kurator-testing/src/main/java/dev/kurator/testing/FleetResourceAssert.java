package dev.kurator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import dev.kurator.core.ResourceRef;
import dev.kurator.core.Selector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on one resource across a fleet. A check that names clusters reads the resource from those
 * clusters only; one that speaks of the whole fleet ({@link #existsExactlyOn}, {@link #existsEverywhere}) reads every
 * member. A member that cannot be read fails the assertion with the reason.
 */
public final class FleetResourceAssert extends AbstractAssert<FleetResourceAssert, HasMetadata> {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final Fleet fleet;
  private final ResourceRef ref;

  FleetResourceAssert(Fleet fleet, HasMetadata resource) {
    super(resource, FleetResourceAssert.class);
    this.fleet = fleet;
    this.ref = ResourceRef.of(resource);
  }

  /** Cluster name to live object (null when absent), for every member; fails when a cluster cannot be read. */
  private Map<String, HasMetadata> read() {
    return read(fleet.get(actual).onAllClusters());
  }

  /** As {@link #read()}, reading only the named clusters (an unknown name fails the assertion). */
  private Map<String, HasMetadata> read(String... clusters) {
    List<String> unknown = Arrays.stream(clusters).filter(c -> fleet.member(c).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      failWithMessage("Clusters %s are not members of fleet <%s> %s", unknown, fleet.name(), fleet.memberNames());
    }
    return read(fleet.get(actual).onClusters(Selector.names(clusters)));
  }

  private Map<String, HasMetadata> read(FleetResult<HasMetadata> r) {
    Map<String, HasMetadata> out = new LinkedHashMap<>();
    List<String> unreadable = new ArrayList<>();
    for (ClusterOutcome<HasMetadata> row : r.rows()) {
      if (row.outcome() instanceof Outcome.Found<HasMetadata> f) {
        out.put(row.cluster(), f.object());
      } else if (row.outcome() instanceof Outcome.NotFound<HasMetadata>) {
        out.put(row.cluster(), null);
      } else {
        unreadable.add(row.toString());
      }
    }
    if (!unreadable.isEmpty()) {
      failWithMessage("Could not read %s from every cluster of fleet <%s>: %s", ref, fleet.name(), unreadable);
    }
    return out;
  }

  private TreeSet<String> holders(Map<String, HasMetadata> live) {
    TreeSet<String> out = new TreeSet<>();
    live.forEach((c, o) -> {
      if (o != null) {
        out.add(c);
      }
    });
    return out;
  }

  /** Verifies the resource exists on exactly these clusters and on no other member. */
  public FleetResourceAssert existsExactlyOn(String... clusters) {
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(clusters));
    TreeSet<String> actualHolders = holders(read());
    if (!expected.equals(actualHolders)) {
      failWithMessage("Expected %s to exist exactly on %s but it exists on %s", ref, expected, actualHolders);
    }
    return this;
  }

  /** Verifies the resource exists on (at least) these clusters. */
  public FleetResourceAssert existsOn(String... clusters) {
    TreeSet<String> holders = holders(read(clusters));
    TreeSet<String> missing = new TreeSet<>(Arrays.asList(clusters));
    missing.removeAll(holders);
    if (!missing.isEmpty()) {
      failWithMessage("Expected %s to exist on %s but it is missing on %s", ref, Arrays.toString(clusters), missing);
    }
    return this;
  }

  /** Verifies the resource exists on every member. */
  public FleetResourceAssert existsEverywhere() {
    return existsExactlyOn(fleet.memberNames().toArray(String[]::new));
  }

  /** Verifies the resource exists on none of these clusters. */
  public FleetResourceAssert isAbsentFrom(String... clusters) {
    TreeSet<String> present = holders(read(clusters));
    present.retainAll(Arrays.asList(clusters));
    if (!present.isEmpty()) {
      failWithMessage("Expected %s to be absent from %s but it exists on %s", ref, Arrays.toString(clusters),
          present);
    }
    return this;
  }

  /** Verifies {@code spec.replicas} is {@code replicas} on each of these clusters. */
  public FleetResourceAssert hasReplicasOn(int replicas, String... clusters) {
    return hasFieldOn("/spec/replicas", String.valueOf(replicas), clusters);
  }

  /** Verifies {@code metadata.labels[key]} is {@code value} on each of these clusters. */
  public FleetResourceAssert hasLabelOn(String key, String value, String... clusters) {
    return hasFieldOn("/metadata/labels/" + key.replace("~", "~0").replace("/", "~1"), value, clusters);
  }

  /** Verifies the field at JSON pointer {@code pointer} (e.g. {@code /spec/replicas}) reads {@code value}. */
  public FleetResourceAssert hasFieldOn(String pointer, String value, String... clusters) {
    Map<String, HasMetadata> live = read(clusters);
    List<String> wrong = new ArrayList<>();
    for (String c : clusters) {
      HasMetadata o = live.get(c);
      if (o == null) {
        wrong.add(c + ": absent");
        continue;
      }
      JsonNode node = JSON.convertValue(o, JsonNode.class).at(pointer);
      String seen = node.isMissingNode() || node.isNull() ? null : node.asText();
      if (!value.equals(seen)) {
        wrong.add(c + ": " + seen);
      }
    }
    if (!wrong.isEmpty()) {
      failWithMessage("Expected %s to have %s = %s on %s but found %s", ref, pointer, value,
          Arrays.toString(clusters), wrong);
    }
    return this;
  }
}
