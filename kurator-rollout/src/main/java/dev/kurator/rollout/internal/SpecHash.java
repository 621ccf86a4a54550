package dev.kurator.rollout.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;

/** Hash of a pod template, stable across key order (Flagger hashes {@code spec.template} with FNV-32a). */
public final class SpecHash {

  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

  private SpecHash() {}

  /** The hash of {@code template}, as 8 hex digits. */
  public static String of(PodTemplateSpec template) {
    try {
      byte[] bytes = CANONICAL.writeValueAsString(template).getBytes(StandardCharsets.UTF_8);
      int h = 0x811c9dc5;
      for (byte b : bytes) {
        h ^= b & 0xff;
        h *= 0x01000193;
      }
      return String.format("%08x", h);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a pod template", e);
    }
  }
}
