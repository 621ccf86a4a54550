package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.kurator.policy.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads Kyverno policy YAML as is. */
public final class ClusterPolicies {
  private ClusterPolicies() {}

  /**
   * Loads every policy, exception and admission-policy binding from a YAML file, or from every {@code .yaml} and
   * {@code .yml} file under a directory (sorted by path). Multi-document files and {@code kind: List} work; other
   * kinds are ignored.
   *
   * @throws PolicyLoadException when a file cannot be read or a policy lacks {@code metadata.name}
   */
  public static PolicySet load(Path path) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.walk(path)) {
        s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new PolicyLoadException("cannot list " + path + ": " + e.getMessage(), e);
      }
    } else {
      files.add(path);
    }
    List<JsonNode> docs = new ArrayList<>();
    for (Path f : files) {
      docs.addAll(readDocuments(f));
    }
    return fromDocuments(docs, path.toString());
  }

  /**
   * Loads policies from YAML text.
   *
   * @throws PolicyLoadException on malformed YAML or a policy without a name
   */
  public static PolicySet parse(String yaml) {
    try (MappingIterator<JsonNode> it = Json.YAML.readerFor(JsonNode.class).readValues(yaml)) {
      return fromDocuments(flatten(it.readAll()), "<text>");
    } catch (IOException e) {
      throw new PolicyLoadException("malformed policy YAML: " + e.getMessage(), e);
    }
  }

  /**
   * Reads every YAML document of a file, expanding {@code kind: List}.
   *
   * @throws PolicyLoadException when the file cannot be read or parsed
   */
  public static List<JsonNode> readDocuments(Path file) {
    try (MappingIterator<JsonNode> it = Json.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      return flatten(it.readAll());
    } catch (IOException e) {
      throw new PolicyLoadException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<JsonNode> flatten(List<JsonNode> docs) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode d : docs) {
      if (d == null || !d.isObject()) {
        continue;
      }
      if (d.path("kind").asText().equals("List") && d.path("items").isArray()) {
        d.path("items").forEach(out::add);
      } else {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Builds a policy set from parsed documents.
   *
   * @throws PolicyLoadException when a policy has no {@code metadata.name}
   */
  public static PolicySet fromDocuments(List<JsonNode> docs, String source) {
    List<KyvernoPolicy> policies = new ArrayList<>();
    List<JsonNode> exceptions = new ArrayList<>();
    List<JsonNode> bindings = new ArrayList<>();
    int index = 0;
    for (JsonNode d : docs) {
      String kind = d.path("kind").asText("");
      switch (kind) {
        case "ClusterPolicy":
        case "Policy":
        case "ValidatingAdmissionPolicy":
        case "ValidatingPolicy":
        case "NamespacedValidatingPolicy": {
          String name = d.path("metadata").path("name").asText("");
          if (name.isEmpty()) {
            throw new PolicyLoadException(source + ": documents[" + index + "].metadata.name: was \"\", must not be"
                + " blank");
          }
          String ns = kind.equals("Policy") || kind.equals("NamespacedValidatingPolicy")
              ? d.path("metadata").path("namespace").asText("default") : "";
          policies.add(new KyvernoPolicy(kind, name, ns, d));
          break;
        }
        case "PolicyException":
          exceptions.add(d);
          break;
        case "ValidatingAdmissionPolicyBinding":
          bindings.add(d);
          break;
        default:
          break;
      }
      index++;
    }
    return new PolicySet(policies, exceptions, bindings);
  }
}
