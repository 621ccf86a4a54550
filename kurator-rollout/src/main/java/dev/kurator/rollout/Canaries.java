package dev.kurator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import dev.kurator.rollout.internal.CanaryReader;
import dev.kurator.rollout.internal.KuratorRolloutReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads canaries from YAML: a Flagger {@code Canary} as is, or the {@code rollout} of each sync policy of a Kurator
 * {@code Application}; both read into the same {@link CanarySpec}, validated.
 */
public final class Canaries {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Canaries() {}

  /**
   * Reads the canary in {@code file} (a Flagger {@code Canary}, or a Kurator {@code Application} with exactly one
   * rollout).
   *
   * @throws ValidationException listing every problem with its field path
   * @throws UncheckedIOException when the file cannot be read
   */
  public static CanarySpec load(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Reads the canary in {@code yaml} (see {@link #load}).
   *
   * @throws ValidationException listing every problem with its field path
   */
  public static CanarySpec parse(String yaml) {
    JsonNode root = tree(yaml);
    if ("Application".equals(root.path("kind").asText())) {
      List<CanarySpec> all = fromApplication(root);
      if (all.size() != 1) {
        throw ValidationException.of("spec.syncPolicies", all.size() + " rollouts", "must hold exactly one rollout");
      }
      return all.get(0);
    }
    return CanaryReader.readCanary(root).validate();
  }

  /**
   * Reads every {@code spec.syncPolicies[].rollout} of a Kurator {@code Application}.
   *
   * @throws ValidationException listing every problem of every rollout with its field path
   */
  public static List<CanarySpec> parseApplication(String yaml) {
    return fromApplication(tree(yaml));
  }

  private static List<CanarySpec> fromApplication(JsonNode root) {
    Problems p = new Problems();
    List<CanarySpec> out = new ArrayList<>();
    JsonNode policies = root.path("spec").path("syncPolicies");
    for (int i = 0; i < policies.size(); i++) {
      JsonNode rollout = policies.get(i).path("rollout");
      if (rollout.isMissingNode() || rollout.isNull()) {
        continue;
      }
      String path = "spec.syncPolicies[" + i + "].rollout";
      try {
        CanarySpec spec = KuratorRolloutReader.read(rollout, path);
        try {
          out.add(spec.validate());
        } catch (ValidationException e) {
          p.addAll(path + "(rendered)", e);
        }
      } catch (ValidationException e) {
        p.addAll("", e);
      }
    }
    p.throwIfAny();
    return List.copyOf(out);
  }

  private static JsonNode tree(String yaml) {
    try {
      JsonNode root = YAML.readTree(yaml);
      if (root == null || !root.isObject()) {
        throw ValidationException.of("", yaml.length() > 40 ? yaml.substring(0, 40) + "..." : yaml,
            "must be a YAML object");
      }
      return root;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ValidationException.of("", e.getOriginalMessage(), "must be valid YAML");
    }
  }
}
