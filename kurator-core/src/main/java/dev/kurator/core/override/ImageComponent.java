package dev.kurator.core.override;

import dev.kurator.core.ValidationException;

/**
 * The part of a container image an {@link ImageOverrider} changes, as Karmada's {@code ImageComponent}. For
 * {@code registry.k8s.io/ingress/nginx:1.19} the registry is {@code registry.k8s.io}, the repository
 * {@code ingress/nginx} and the tag {@code 1.19}.
 */
public enum ImageComponent {
  REGISTRY("Registry"),
  REPOSITORY("Repository"),
  TAG("Tag");

  private final String wireName;

  ImageComponent(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written in YAML, e.g. {@code Registry}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the YAML spelling.
   *
   * @throws ValidationException naming {@code path} when the value is not Registry, Repository or Tag
   */
  public static ImageComponent parse(String path, String value) {
    for (ImageComponent c : values()) {
      if (c.wireName.equals(value)) {
        return c;
      }
    }
    throw ValidationException.of(path, value, "must be one of Registry, Repository, Tag");
  }
}
