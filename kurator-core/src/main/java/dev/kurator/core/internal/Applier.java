package dev.kurator.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.Outcome;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Create-or-update of one object on one cluster, by plain GET, POST and PUT so that it behaves the same on a real
 * API server and on the fabric8 CRUD mock server (which rejects server-side apply of a missing object).
 *
 * <p>The desired object's fields are compared with the live object's, ignoring {@code status} and server-owned
 * metadata; when every desired field already holds, nothing is written ({@link Outcome.Unchanged}). Otherwise the
 * desired fields are laid over the live object (fields the desired object does not mention are kept, lists are
 * replaced whole) and written with the live resourceVersion, so a concurrent change yields a 409 conflict, which
 * the caller retries from a fresh read.
 */
public final class Applier {

  private Applier() {}

  /** One apply attempt; throws what the client throws. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata> Outcome<T> applyOnce(KubernetesClient client, T desired) {
    ObjectNode want = JsonTrees.desiredFields(Resources.tree(desired));
    Class<T> type = (Class<T>) desired.getClass();
    T live = client.resource(Resources.convert(want, type)).get();
    if (live == null) {
      T created = client.resource(Resources.convert(want, type)).create();
      return new Outcome.Applied<>(created, true);
    }
    JsonNode have = Resources.tree(live);
    if (JsonTrees.covers(have, want)) {
      return new Outcome.Unchanged<>(live);
    }
    T merged = Resources.convert(JsonTrees.merge(have, want), type);
    T updated = client.resource(merged).update();
    return new Outcome.Applied<>(updated, false);
  }

  /** Reads the live counterpart of {@code resource}; null when absent. */
  public static <T extends HasMetadata> T read(KubernetesClient client, T resource) {
    return client.resource(Resources.copy(resource)).get();
  }

  /** Deletes {@code resource}; {@link Outcome.NotFound} when it was not there. */
  public static <T extends HasMetadata> Outcome<T> deleteOnce(KubernetesClient client, T resource) {
    List<StatusDetails> details = client.resource(Resources.copy(resource)).delete();
    return details == null || details.isEmpty() ? new Outcome.NotFound<>() : new Outcome.Deleted<>();
  }
}
