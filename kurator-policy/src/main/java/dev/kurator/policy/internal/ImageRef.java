package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A container image reference split the way Kyverno's {@code images} variable exposes it. */
public record ImageRef(String registry, String path, String name, String tag, String digest) {

  /** Parses an image reference; the default registry is {@code docker.io}, the default tag {@code latest}. */
  public static ImageRef parse(String image) {
    String rest = image;
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String registry = "docker.io";
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = "";
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    String name = rest.substring(rest.lastIndexOf('/') + 1);
    return new ImageRef(registry, rest, name, tag, digest);
  }

  /** {@code registry/path:tag}, or {@code registry/path@digest} when a digest is given. */
  public String reference() {
    return digest.isEmpty() ? referenceWithTag() : registry + "/" + path + "@" + digest;
  }

  /** {@code registry/path:tag}. */
  public String referenceWithTag() {
    return registry + "/" + path + (tag.isEmpty() ? "" : ":" + tag);
  }

  /** The JSON shape of Kyverno's {@code images.<kind>.<container>} entry. */
  public ObjectNode toJson() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("registry", registry);
    o.put("path", path);
    o.put("name", name);
    o.put("tag", tag);
    if (!digest.isEmpty()) {
      o.put("digest", digest);
    }
    o.put("reference", reference());
    o.put("referenceWithTag", referenceWithTag());
    return o;
  }
}
