package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Built-in Pod Security Standards policy sets, matching Kurator's {@code podSecurity} option
 * ({@code standard: privileged|baseline|restricted}, {@code severity}, {@code validationFailureAction}).
 */
public final class PodSecurityStandards {

  /** Pod Security Standards levels. */
  public enum Level {
    /** No restrictions: an empty policy set. */
    PRIVILEGED,
    /** Prevents known privilege escalations (11 policies). */
    BASELINE,
    /** Baseline plus hardening best practices (17 policies). */
    RESTRICTED;

    /**
     * Parses Kurator's {@code standard} value, case-insensitively.
     *
     * @throws IllegalArgumentException for an unknown level
     */
    public static Level of(String standard) {
      return valueOf(standard.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** Failure actions. */
  public enum FailureAction {
    /** Report failures only (the default). */
    AUDIT,
    /** Block admission on failure. */
    ENFORCE
  }

  private PodSecurityStandards() {}

  /** The policies of a level in Audit mode with medium severity. */
  public static PolicySet policies(Level level) {
    return policies(level, FailureAction.AUDIT, "medium");
  }

  /**
   * The policies of a level with the given failure action and severity annotation.
   *
   * @param severity {@code low}, {@code medium} or {@code high}
   * @throws PolicyLoadException when the bundled policies cannot be read
   */
  public static PolicySet policies(Level level, FailureAction action, String severity) {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(severity, "severity");
    List<JsonNode> docs = new ArrayList<>();
    if (level != Level.PRIVILEGED) {
      docs.addAll(read("baseline.yaml"));
    }
    if (level == Level.RESTRICTED) {
      docs.addAll(read("restricted.yaml"));
    }
    String actionWord = action == FailureAction.ENFORCE ? "Enforce" : "Audit";
    for (JsonNode d : docs) {
      ((ObjectNode) d.get("spec")).put("validationFailureAction", actionWord);
      d.withObject("/metadata").withObject("/annotations").put("policies.kyverno.io/severity", severity);
    }
    return ClusterPolicies.fromDocuments(docs, "pod-security-standards/" + level.name().toLowerCase(Locale.ROOT));
  }

  private static List<JsonNode> read(String file) {
    String path = "/dev/kurator/policy/pss/" + file;
    try (InputStream in = PodSecurityStandards.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new PolicyLoadException("missing bundled policy file " + path);
      }
      List<JsonNode> out = new ArrayList<>();
      try (var it = Json.YAML.readerFor(JsonNode.class).<JsonNode>readValues(in)) {
        while (it.hasNext()) {
          JsonNode n = it.next();
          if (n != null && n.isObject()) {
            out.add(n);
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new PolicyLoadException("cannot read bundled policy file " + path + ": " + e.getMessage(), e);
    }
  }
}
