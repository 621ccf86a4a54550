package dev.kurator.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kurator.core.internal.Resources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads Kubernetes objects from YAML (or JSON) text with several documents separated by {@code ---}. Known kinds
 * become fabric8 model classes ({@code Deployment}, {@code ConfigMap}, ...), others
 * {@code GenericKubernetesResource}; a {@code kind: List} document contributes its items. Empty documents are
 * skipped.
 */
public final class Yaml {

  private static final YAMLMapper MAPPER = new YAMLMapper();

  private Yaml() {}

  /**
   * Parses every document of {@code text}.
   *
   * @throws ValidationException for text that does not parse (naming the document and line) and for documents
   *                             without apiVersion, kind or metadata.name (naming the document and field); nothing
   *                             is returned then
   */
  public static List<HasMetadata> parse(String text) {
    return parse(text, "yaml");
  }

  /**
   * Reads and parses a file; a leading {@code ~/} means the user's home directory.
   *
   * @throws ValidationException when the file cannot be read or parsed, naming the file
   */
  public static List<HasMetadata> load(Path file) {
    Path path = expandHome(file);
    String text;
    try {
      text = Files.readString(path);
    } catch (IOException e) {
      throw ValidationException.of("file", path.toString(), "cannot be read: " + e.getMessage());
    }
    return parse(text, path.toString());
  }

  static Path expandHome(Path file) {
    String s = file.toString();
    if (s.equals("~") || s.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + s.substring(1));
    }
    return file;
  }

  private static List<HasMetadata> parse(String text, String source) {
    if (text == null) {
      throw ValidationException.of(source, null, "must not be null");
    }
    List<JsonNode> documents = new ArrayList<>();
    int index = 0;
    try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        index++;
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          documents.add(doc);
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ValidationException.of(source + ".documents[" + index + "]",
          at == null ? "?" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
          "is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ValidationException.of(source, "document " + index, "cannot be read: " + e.getMessage());
    }
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode doc : documents) {
      if ("List".equals(doc.path("kind").asText()) && doc.path("items").isArray()) {
        doc.path("items").forEach(objects::add);
      } else {
        objects.add(doc);
      }
    }
    Problems problems = new Problems();
    List<HasMetadata> out = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      JsonNode o = objects.get(i);
      String at = source + ".documents[" + i + "]";
      if (!o.isObject()) {
        problems.add(at, o.toString(), "must be a mapping (a Kubernetes object)");
        continue;
      }
      problems.check(o.path("apiVersion").asText("").isBlank(), at + ".apiVersion", text(o, "apiVersion"),
          "must be set");
      problems.check(o.path("kind").asText("").isBlank(), at + ".kind", text(o, "kind"), "must be set");
      problems.check(o.path("metadata").path("name").asText("").isBlank(), at + ".metadata.name",
          text(o.path("metadata"), "name"), "must be set");
      if (problems.isEmpty()) {
        try {
          KubernetesResource r = Resources.SERIALIZATION.unmarshal(o.toString());
          if (r instanceof HasMetadata h) {
            out.add(h);
          } else {
            problems.add(at + ".kind", text(o, "kind"), "is not an object kind");
          }
        } catch (RuntimeException e) {
          problems.add(at, text(o, "kind"), "does not match its kind's schema: " + e.getMessage());
        }
      }
    }
    problems.throwIfAny();
    return List.copyOf(out);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
