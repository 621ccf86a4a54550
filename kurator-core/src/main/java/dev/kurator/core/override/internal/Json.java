package dev.kurator.core.override.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** Conversions between fabric8 model objects and Jackson trees, with one shared mapper. */
public final class Json {

  /** Mapper for JSON trees of Kubernetes objects. */
  public static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** Mapper for YAML input (multi-document streams are read with {@code readValues}). */
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Json() {}

  /** The object as a fresh JSON tree. */
  public static ObjectNode tree(HasMetadata resource) {
    JsonNode node = MAPPER.valueToTree(resource);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("not an object: " + resource.getKind());
    }
    return object;
  }

  /** The tree as a generic resource. */
  public static GenericKubernetesResource resource(JsonNode tree) {
    return MAPPER.convertValue(tree, GenericKubernetesResource.class);
  }

  /** A typed model object as another model type (e.g. a generic resource as a Deployment). */
  public static <T> T convert(Object from, Class<T> type) {
    return MAPPER.convertValue(from, type);
  }
}
