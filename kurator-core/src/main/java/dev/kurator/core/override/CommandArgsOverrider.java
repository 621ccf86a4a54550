package dev.kurator.core.override;

import java.util.List;
import java.util.Objects;

/**
 * Adds to or removes from the command or the args of one named container, as Karmada's
 * {@code CommandArgsOverrider}. It applies to Pods, Deployments, ReplicaSets, StatefulSets and DaemonSets (as
 * Karmada; other kinds are left alone). {@code add} appends the values; {@code remove} drops every entry equal to one
 * of them. {@code replace} is not an operator here.
 *
 * @param containerName the container to change, not blank
 * @param operator      add or remove
 * @param value         the entries to append or drop
 */
public record CommandArgsOverrider(String containerName, OverrideOperator operator, List<String> value) {

  public CommandArgsOverrider {
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(operator, "operator");
    value = List.copyOf(Objects.requireNonNull(value, "value"));
  }
}
