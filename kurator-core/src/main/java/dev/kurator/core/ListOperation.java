package dev.kurator.core;

import java.util.List;
import java.util.Map;

/**
 * A fan-out list: one row per cluster holding that cluster's items; {@link Tagged#flatten(FleetResult)} tags each
 * item with its cluster. Lists the client's default namespace unless told otherwise.
 *
 * @param <T> the item type
 */
public interface ListOperation<T> extends FleetOperation<List<T>> {

  /** Lists in {@code namespace}. */
  ListOperation<T> inNamespace(String namespace);

  /** Lists across all namespaces. */
  ListOperation<T> inAnyNamespace();

  /** Lists only objects carrying all these labels. */
  ListOperation<T> withLabels(Map<String, String> labels);
}
