package dev.kurator.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.ValidationException;
import dev.kurator.core.override.internal.JsonPatch;
import dev.kurator.core.override.internal.JsonPointers;
import dev.kurator.core.propagation.spi.ReplicaInterpreter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The replica interpreters propagation consults, in order: host-registered ones first (in registration order), then
 * the built-ins, so a host can take over a built-in kind. Immutable; {@link #with} returns a copy.
 */
public final class ReplicaInterpreters {

  private static final List<ReplicaInterpreter> BUILT_IN = List.of(
      atPath("Deployment", "apps", "Deployment", "/spec/replicas"),
      atPath("StatefulSet", "apps", "StatefulSet", "/spec/replicas"),
      atPath("ReplicaSet", "apps", "ReplicaSet", "/spec/replicas"),
      atPath("Job", "batch", "Job", "/spec/parallelism"));

  private final List<ReplicaInterpreter> custom;

  private ReplicaInterpreters(List<ReplicaInterpreter> custom) {
    this.custom = List.copyOf(custom);
  }

  /** The built-ins only. */
  public static ReplicaInterpreters defaults() {
    return new ReplicaInterpreters(List.of());
  }

  /**
   * A copy with {@code interpreter} registered ahead of the built-ins.
   *
   * @throws ValidationException when an interpreter of the same name is already registered
   */
  public ReplicaInterpreters with(ReplicaInterpreter interpreter) {
    Objects.requireNonNull(interpreter, "interpreter");
    boolean duplicate = custom.stream().anyMatch(i -> i.name().equals(interpreter.name()));
    if (duplicate) {
      throw ValidationException.of("replicaInterpreters[" + custom.size() + "].name", interpreter.name(),
          "must be unique among registered interpreters");
    }
    List<ReplicaInterpreter> list = new ArrayList<>(custom);
    list.add(interpreter);
    return new ReplicaInterpreters(list);
  }

  /** The interpreter for a kind, if any. */
  public Optional<ReplicaInterpreter> find(String group, String kind) {
    for (ReplicaInterpreter i : custom) {
      if (i.handles(group, kind)) {
        return Optional.of(i);
      }
    }
    return BUILT_IN.stream().filter(i -> i.handles(group, kind)).findFirst();
  }

  /** The interpreter for an object, from its {@code apiVersion} and {@code kind}. */
  public Optional<ReplicaInterpreter> find(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    return find(slash < 0 ? "" : apiVersion.substring(0, slash), object.path("kind").asText(""));
  }

  /**
   * An interpreter that keeps the count as an integer at a JSON pointer, e.g. {@code /spec/size} of a custom kind.
   *
   * @param name    unique name
   * @param group   API group ({@code ""} for core)
   * @param kind    kind
   * @param pointer JSON pointer to the integer field; parents are created when missing
   * @throws ValidationException when the pointer is malformed
   */
  public static ReplicaInterpreter atPath(String name, String group, String kind, String pointer) {
    String problem = JsonPointers.problem(pointer);
    if (problem != null) {
      throw ValidationException.of("replicaInterpreter[" + name + "].pointer", pointer, problem);
    }
    List<String> tokens = JsonPointers.parse(pointer);
    return new ReplicaInterpreter() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean handles(String g, String k) {
        return group.equals(g) && kind.equals(k);
      }

      @Override
      public OptionalInt replicas(ObjectNode object) {
        JsonNode v = JsonPatch.get(object, pointer);
        return v != null && v.canConvertToInt() ? OptionalInt.of(v.intValue()) : OptionalInt.empty();
      }

      @Override
      public void reviseReplicas(ObjectNode object, int replicas) {
        ObjectNode parent = object;
        for (int i = 0; i < tokens.size() - 1; i++) {
          parent = parent.withObjectProperty(tokens.get(i));
        }
        parent.set(tokens.get(tokens.size() - 1), IntNode.valueOf(replicas));
      }

      @Override
      public String toString() {
        return "ReplicaInterpreter[" + name + " " + group + "/" + kind + " " + pointer + "]";
      }
    };
  }
}
